package io.weatherpipeline.alerts;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.weatherpipeline.alerts.model.Alert;
import io.weatherpipeline.alerts.model.CommitPlan;
import io.weatherpipeline.alerts.model.DecodedPoll;
import io.weatherpipeline.alerts.model.PartitionLedger;
import io.weatherpipeline.testsupport.MariaDbQuery;
import io.weatherpipeline.testsupport.ReadingFeed;
import io.weatherpipeline.testsupport.WeatherStackResource;

/**
 * The service against a real broker and a real MariaDB: started before its topic exists, it stores
 * every committed reading above 30 °C once (none of an aborted transaction, the first reading of a
 * repeated day, a poison value skipped and counted), moves every partition's stored offset past its
 * last record, and serves the alerts, the summary, health and metrics. The table is read back with
 * Debian's mariadb client and compared with an expectation computed from what was sent.
 */
@QuarkusTest
@QuarkusTestResource(value = WeatherStackResource.class,
        initArgs = @ResourceArg(name = WeatherStackResource.SERVERS, value = "kafka,mariadb"))
class AlertsPipelineTest {

    private static final Duration DRAIN = Duration.ofSeconds(90);
    private static final double THRESHOLD = 30.0;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "alerts.topic")
    String topic;

    @ConfigProperty(name = "mp.messaging.incoming.temperatures.group.id")
    String group;

    @Inject
    AlertWriter writer;

    @Inject
    AlertStore store;

    /** Whole degrees from 25 to 35, so that some readings are exactly at the threshold. */
    static double weather(String station, LocalDate day) {
        return 25 + Math.floorMod(day.toEpochDay() * 7 + station.charAt(station.length() - 1), 11);
    }

    /** What the table must hold: per (station, day), the first reading above the threshold in the order sent. */
    static Map<String, ReadingFeed.Sent> expected(List<ReadingFeed.Sent> sent) {
        Map<String, ReadingFeed.Sent> out = new TreeMap<>();
        for (ReadingFeed.Sent s : sent) {
            if (s.date() != null && s.degrees() > THRESHOLD) {
                out.putIfAbsent(s.station() + " " + s.date(), s);
            }
        }
        return out;
    }

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    /** Rows read with Debian's mariadb client, not the service's. */
    private List<String> sql(String query) throws Exception {
        return MariaDbQuery.rows(databaseUrl, user, password, query);
    }

    @Test
    void storesEveryAlertOnceAndServesThem() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<ReadingFeed.Sent> sent = new ArrayList<>();
        int repeats;
        ReadingFeed.Sent poisonSent;
        // Six stations, and a seventh whose id differs from StationA's only in case: another station.
        List<String> stations = new ArrayList<>(ReadingFeed.stations(6));
        stations.add("stationa");
        try (ReadingFeed feed = new ReadingFeed(bootstrap, topic, "alerts-test", stations,
                LocalDate.of(2021, 6, 1), AlertsPipelineTest::weather)) {
            sent.addAll(feed.commitDays(40, false));
            feed.abortDays(3);
            poisonSent = feed.poison("StationC");
            sent.addAll(feed.commitDays(30, true));
            repeats = (int) sent.stream().filter(s -> s.duplicate() && s.degrees() > THRESHOLD
                    && sent.stream().anyMatch(o -> !o.duplicate() && o.station().equals(s.station())
                            && o.date().equals(s.date()) && o.degrees() > THRESHOLD)).count();
        }
        Map<String, ReadingFeed.Sent> expected = expected(sent);
        assertTrue(expected.size() > 100, "the feed makes enough alerts: " + expected.size());
        assertTrue(repeats > 0, "some repeated days are alerts a second time");

        // Every partition's stored offset passes its last record sent (and not the topic's end): all read and stored.
        Map<Integer, Long> last = new TreeMap<>();
        sent.forEach(s -> last.merge(s.partition(), s.offset(), Math::max));
        last.merge(poisonSent.partition(), poisonSent.offset(), Math::max);
        Map<Integer, Long> ends = ends();
        await().atMost(DRAIN).pollInterval(Duration.ofMillis(300)).until(() -> {
            Map<Integer, Long> stored = storedOffsets();
            return stored.keySet().equals(last.keySet())
                    && last.keySet().stream().allMatch(p -> stored.get(p) > last.get(p));
        });
        storedOffsets().forEach((p, next) -> assertTrue(next <= ends.get(p), "partition " + p + " stored " + next
                + " past the end " + ends.get(p)));

        // The table, read with another client, is exactly what was sent above the threshold.
        Set<String> rows = new TreeSet<>(
                sql("SELECT station_id, date, degrees, kafka_partition, kafka_offset FROM warning_temperatures"));
        Set<String> want = new TreeSet<>();
        expected.values().forEach(s -> want.add(s.station() + "\t" + s.date() + "\t" + (long) s.degrees() + "\t"
                + s.partition() + "\t" + s.offset()));
        assertEquals(want, rows);
        assertEquals(List.of("30"), sql("SELECT DISTINCT threshold FROM warning_temperatures"));

        // GET /alerts: newest first, filters, validation.
        JsonNode newest = json(given().when().get("/alerts?station=StationA&limit=5").then().statusCode(200)
                .contentType(containsString("application/json")).extract().asString());
        List<ReadingFeed.Sent> stationA = expected.values().stream().filter(s -> s.station().equals("StationA"))
                .sorted(Comparator.comparing(ReadingFeed.Sent::date).reversed()).toList();
        assertEquals(5, newest.size());
        for (int i = 0; i < 5; i++) {
            JsonNode a = newest.get(i);
            assertEquals(stationA.get(i).date().toString(), a.get("date").asText());
            assertEquals(stationA.get(i).degrees(), a.get("degrees").asDouble());
            assertEquals("StationA", a.get("station_id").asText());
            assertEquals(THRESHOLD, a.get("threshold").asDouble());
            assertEquals(stationA.get(i).partition(), a.get("partition").asInt());
            assertEquals(stationA.get(i).offset(), a.get("offset").asLong());
            assertTrue(a.get("stored_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), a.toString());
        }
        JsonNode june = json(given().when().get("/alerts?from=2021-06-10&to=2021-06-12&limit=10000").then()
                .statusCode(200).extract().asString());
        assertEquals(expected.values().stream().filter(s -> !s.date().isBefore(LocalDate.of(2021, 6, 10))
                && !s.date().isAfter(LocalDate.of(2021, 6, 12))).count(), june.size());
        given().when().get("/alerts?from=2021-13-01").then().statusCode(400)
                .body("error", containsString("from must be a day as YYYY-MM-DD, was '2021-13-01'"));
        given().when().get("/alerts?limit=0").then().statusCode(400)
                .body("error", containsString("limit must be between 1 and 10000, was 0"));

        // GET /alerts/summary: per station, count, highest (earliest day of it), latest.
        JsonNode summary = json(given().when().get("/alerts/summary").then().statusCode(200).extract().asString());
        assertEquals(7, summary.size());
        for (JsonNode s : summary) {
            String station = s.get("station_id").asText();
            List<ReadingFeed.Sent> mine = expected.values().stream().filter(e -> e.station().equals(station)).toList();
            double highest = mine.stream().mapToDouble(ReadingFeed.Sent::degrees).max().orElseThrow();
            ReadingFeed.Sent latest = mine.stream().max(Comparator.comparing(ReadingFeed.Sent::date)).orElseThrow();
            assertEquals(mine.size(), s.get("count").asLong(), station);
            assertEquals(highest, s.get("highest_degrees").asDouble(), station);
            assertEquals(mine.stream().filter(e -> e.degrees() == highest).map(ReadingFeed.Sent::date)
                    .min(Comparator.naturalOrder()).orElseThrow().toString(), s.get("highest_date").asText(), station);
            assertEquals(latest.date().toString(), s.get("latest_date").asText(), station);
            assertEquals(latest.degrees(), s.get("latest_degrees").asDouble(), station);
        }

        // Health and metrics.
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == '" + AlertsHealthCheck.NAME + "' }.data.partition-0-offset",
                        equalTo(storedOffsets().get(0).intValue()));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("alerts_stored_total " + expected.size() + ".0"), "stored metric");
        assertTrue(metrics.contains("alerts_records_poison_total 1.0"), "poison metric");
        assertTrue(metrics.contains("alerts_readings_duplicate_total " + repeats + ".0"), "duplicate metric");
        // 0, or 1 when the last transaction's commit marker was not fetched with its records.
        await().atMost(Duration.ofSeconds(10)).until(() -> given().when().get("/q/metrics").then().extract().asString()
                .matches("(?s).*alerts_partition_lag\\{partition=\"0\",?\\} [01]\\.0.*"));
    }

    /**
     * The compare-and-set on the real database, as two owners of one partition would meet it: the first
     * row of an offset is inserted once, a stale expected offset changes nothing, and a fenced
     * transaction's alerts are rolled back with it. (Partition 99 of the test topic: no consumer reads it.)
     */
    @Test
    void theStoredOffsetFencesAStaleOwner() throws Exception {
        int partition = 99;
        try {
            CommitPlan first = plan(PartitionLedger.FROM_BEGINNING, "CasFirst", 0, 1, 2);
            assertTrue(commit(first).committed());
            CommitPlan secondFirst = plan(PartitionLedger.FROM_BEGINNING, "CasStaleInsert", 0, 1, 2);
            assertEquals(AlertStore.Outcome.CONFLICT, commit(secondFirst), "the offset row exists already");
            CommitPlan next = plan(3, "CasNext", 3, 4);
            assertTrue(commit(next).committed());
            CommitPlan stale = plan(3, "CasStale", 3, 4, 5, 6);
            assertEquals(AlertStore.Outcome.CONFLICT, commit(stale), "another owner moved it from 3 to 5");
            assertEquals(List.of("5"), sql("SELECT next_offset FROM alert_offsets WHERE kafka_partition = " + partition
                    + " AND consumer_group = '" + group + "' AND topic = '" + topic + "'"));
            assertEquals(List.of("CasFirst\t3", "CasNext\t2"), sql("SELECT station_id, COUNT(*) FROM warning_temperatures"
                    + " WHERE station_id LIKE 'Cas%' GROUP BY station_id ORDER BY station_id"),
                    "the fenced transactions' alerts were rolled back with them");
        } finally {
            sql("DELETE FROM warning_temperatures WHERE station_id LIKE 'Cas%'");
            sql("DELETE FROM alert_offsets WHERE kafka_partition = " + partition);
        }
    }

    /** Requests as sent (already URL-encoded), the status and a part of the error each must get. */
    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("/alerts?station=Station%20A", 400,
                        "station: station_id may contain only letters, digits, '_', '.' and '-', was 'Station A'"),
                Arguments.of("/alerts?station=Station%27%3B", 400, "station: station_id may contain only letters"),
                Arguments.of("/alerts?station=" + "S".repeat(65), 400, "station: station_id must be at most 64 characters, was 65"),
                Arguments.of("/alerts?limit=0", 400, "limit must be between 1 and 10000, was 0"),
                Arguments.of("/alerts?limit=-5", 400, "limit must be between 1 and 10000, was -5"),
                Arguments.of("/alerts?limit=10001", 400, "limit must be between 1 and 10000, was 10001"),
                Arguments.of("/alerts?limit=99999999999", 400, "limit must be a whole number between 1 and 10000, was '99999999999'"),
                Arguments.of("/alerts?limit=ten", 400, "limit must be a whole number between 1 and 10000, was 'ten'"),
                Arguments.of("/alerts?limit=1.5", 400, "was '1.5'"),
                Arguments.of("/alerts?limit=" + "9".repeat(300), 400, "…' (300 characters)"),
                Arguments.of("/alerts?from=2021-13-01", 400, "from must be a day as YYYY-MM-DD, was '2021-13-01'"),
                Arguments.of("/alerts?to=2001-02-30", 400, "to must be a day as YYYY-MM-DD, was '2001-02-30'"),
                Arguments.of("/alerts?from=%2B10000-01-01", 400, "from must be a day as YYYY-MM-DD, was '+10000-01-01'"),
                Arguments.of("/alerts?to=-0001-01-01", 400, "to must be a day as YYYY-MM-DD, was '-0001-01-01'"),
                Arguments.of("/alerts?from=" + "2".repeat(500), 400,
                        "from must be a day as YYYY-MM-DD, was '" + "2".repeat(40) + "…' (500 characters)"),
                Arguments.of("/alerts?from=2021-06-12&to=2021-06-10", 400, "from (2021-06-12) is after to (2021-06-10)"),
                Arguments.of("/alerts?from=x&limit=0", 400, "was 'x'; limit must be between 1 and 10000, was 0"),
                Arguments.of("/alerts?stations=StationA", 400,
                        "unknown query parameter 'stations': GET /alerts takes only station, from, to, limit"),
                Arguments.of("/alerts?limit=5&limit=6", 400, "limit is given 2 times: give it once"),
                Arguments.of("/alerts/summary?station=StationA", 400,
                        "unknown query parameter 'station': GET /alerts/summary takes none"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void refusesBadInputSayingWhatIsValid(String request, int status, String says) {
        given().urlEncodingEnabled(false).when().get(request).then().statusCode(status)
                .contentType(containsString("application/json")).body("error", containsString(says));
    }

    /** A one-partition plan from {@code expected}, with an alert of {@code station} at each offset. */
    private static CommitPlan plan(long expected, String station, long... offsets) {
        PartitionLedger ledger = new PartitionLedger();
        ledger.assigned(99, 1, expected);
        List<Alert> alerts = new ArrayList<>();
        for (long o : offsets) {
            alerts.add(new Alert(station, LocalDate.of(2000, 1, 1).plusDays(o), 31, THRESHOLD, 99, o));
        }
        return ledger.plan(new DecodedPoll(1, List.of(new DecodedPoll.PartitionRecords(99, offsets,
                offsets[offsets.length - 1] + 1, alerts, List.of()))));
    }

    private AlertStore.Outcome commit(CommitPlan plan) {
        return store.commit(plan, () -> Uni.createFrom().voidItem()).await().atMost(Duration.ofSeconds(30));
    }

    private Map<Integer, Long> ends() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        for (int p = 0; p < 4; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<Integer, Long> out = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> out.put(tp.partition(), info.offset()));
        }
        return out;
    }

    private Map<Integer, Long> storedOffsets() throws Exception {
        Map<Integer, Long> out = new TreeMap<>();
        for (String row : sql("SELECT kafka_partition, next_offset FROM alert_offsets"
                + " WHERE consumer_group = '" + group + "' AND topic = '" + topic + "'")) {
            String[] f = row.split("\t");
            out.put(Integer.parseInt(f[0]), Long.parseLong(f[1]));
        }
        return out;
    }

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }
}
