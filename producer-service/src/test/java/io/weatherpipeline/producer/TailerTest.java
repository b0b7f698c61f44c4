package io.weatherpipeline.producer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.weatherpipeline.common.kafka.DeadLetterHeaders;
import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;
import io.weatherpipeline.testsupport.WeatherStackResource;

/** The tailer against a real MariaDB and a real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(value = WeatherStackResource.class,
        initArgs = @ResourceArg(name = WeatherStackResource.SERVERS, value = "kafka,mariadb"))
class TailerTest {

    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    TemperatureTailer tailer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void everyRowArrivesExactlyOnceWithItsKeyInItsStationsPartition() {
        // 6000 rows: full transactions of producer.batch-size (2500 in tests) records each.
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("INSERT INTO temperatures (station_id, date, degrees) VALUES ");
        for (int i = 0; i < 6000; i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
            params.add("Exact" + (char) ('A' + i % 7));
            params.add(LocalDate.of(2001, 1, 1).plusDays(i / 7));
            params.add(-20 + (i % 500) / 10.0);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> tailer.watermark() >= 0);
        long failuresBefore = tailer.failures();
        pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).await().atMost(DB);
        long maxId = maxId();
        await().atMost(Duration.ofSeconds(60)).until(() -> tailer.watermark() >= maxId);
        assertEquals(failuresBefore, tailer.failures(), "transactions failed against a healthy broker");

        Map<Long, Row> table = new HashMap<>();
        pool.query("SELECT id, station_id, date, degrees FROM temperatures").execute().await().atMost(DB)
                .forEach(r -> table.put(r.getLong("id"), r));
        Map<Long, Integer> seen = new HashMap<>();
        Map<String, Integer> partitionOfStation = new HashMap<>();
        for (ConsumerRecord<String, byte[]> rec : TopicReader.readAll(bootstrap, "temperatures")) {
            long id = TopicReader.rowId(rec);
            seen.merge(id, 1, Integer::sum);
            Row row = table.get(id);
            assertNotNull(row, "record for unknown row id " + id);
            Report report = ReportCodec.decode(rec.value(), rec.topic(), rec.partition(), rec.offset());
            assertEquals(row.getString("station_id"), rec.key());
            assertEquals(row.getString("station_id"), report.getStationId());
            assertEquals(row.getLocalDate("date").toString(), report.getDate());
            assertEquals(row.getDouble("degrees"), report.getDegrees());
            // Kafka's default partitioner: murmur2 of the key, modulo the partition count.
            int expected = Utils.toPositive(Utils.murmur2(rec.key().getBytes(StandardCharsets.UTF_8))) % 4;
            assertEquals(expected, rec.partition(), "partition of " + rec.key());
            Integer before = partitionOfStation.put(rec.key(), rec.partition());
            assertTrue(before == null || before == rec.partition(), rec.key() + " in two partitions");
        }
        for (long id : table.keySet()) {
            if (id <= tailer.watermark() && table.get(id).getDouble("degrees") <= 100) {
                assertEquals(1, seen.getOrDefault(id, 0), "row id " + id + " count in topic");
            }
        }
        seen.forEach((id, n) -> assertEquals(1, n, "row id " + id + " sent " + n + " times"));
    }

    @Test
    void anIdCommittedLateIsWaitedForAndARolledBackOneIsSkippedAfterTheGrace() {
        await().atMost(Duration.ofSeconds(60)).until(() -> tailer.watermark() >= 0 && tailer.watermark() >= maxId());

        // Late commit: id N is inserted in an open transaction, N+1 commits first.
        SqlConnection slow = pool.getConnection().await().atMost(DB);
        slow.query("BEGIN").execute().await().atMost(DB);
        long n = insertOn(slow, "LateStation", LocalDate.of(2005, 5, 5));
        long n1 = insert("EarlyStation", LocalDate.of(2005, 5, 5));
        assertEquals(n + 1, n1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> tailer.watermark() < n);
        assertTrue(tailer.waitingFor().contains("row id " + n), tailer.waitingFor());
        slow.query("COMMIT").execute().await().atMost(DB);
        slow.close().await().atMost(DB);
        await().atMost(Duration.ofSeconds(30)).until(() -> tailer.watermark() >= n1);
        List<Long> order = ids(TopicReader.readAll(bootstrap, "temperatures"), n, n1);
        assertEquals(List.of(n, n1), order, "both sent once, the late one too");

        // Rollback: id M never commits; M+1 goes out once the grace period (3 s in tests) has passed.
        SqlConnection doomed = pool.getConnection().await().atMost(DB);
        doomed.query("BEGIN").execute().await().atMost(DB);
        long m = insertOn(doomed, "DoomedStation", LocalDate.of(2006, 6, 6));
        long m1 = insert("SurvivorStation", LocalDate.of(2006, 6, 6));
        doomed.query("ROLLBACK").execute().await().atMost(DB);
        doomed.close().await().atMost(DB);
        await().atMost(Duration.ofSeconds(30)).until(() -> tailer.watermark() >= m1);
        assertEquals(List.of(m1), ids(TopicReader.readAll(bootstrap, "temperatures"), m, m1));
    }

    @Test
    void aRowThatIsNoValidReadingGoesToTheDeadLetterTopicAndTheStreamGoesOn() {
        long bad = insert("BadStation", LocalDate.of(2007, 7, 7), 1000.0);
        long good = insert("GoodStation", LocalDate.of(2007, 7, 7), 21.5);
        await().atMost(Duration.ofSeconds(60)).until(() -> tailer.watermark() >= good);

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readAll(bootstrap, "temperatures-dlq").stream()
                .filter(r -> TopicReader.rowId(r) == bad).toList();
        assertEquals(1, dead.size());
        assertEquals("degrees 1000.0 is outside [-100.0, 100.0]",
                DeadLetterHeaders.reason(dead.get(0).headers()));
        assertTrue(new String(dead.get(0).value(), StandardCharsets.UTF_8).contains("\"id\":" + bad));
        List<ConsumerRecord<String, byte[]>> main = TopicReader.readAll(bootstrap, "temperatures");
        assertFalse(main.stream().anyMatch(r -> TopicReader.rowId(r) == bad), "bad row in the main topic");
        assertEquals(1, main.stream().filter(r -> TopicReader.rowId(r) == good).count());
    }

    private static List<Long> ids(List<ConsumerRecord<String, byte[]>> records, long... wanted) {
        List<Long> w = new ArrayList<>();
        for (long id : wanted) {
            w.add(id);
        }
        return records.stream().map(TopicReader::rowId).filter(w::contains).sorted().toList();
    }

    private long insert(String station, LocalDate date) {
        return insert(station, date, 10.0);
    }

    private long insert(String station, LocalDate date, double degrees) {
        return pool.preparedQuery("INSERT INTO temperatures (station_id, date, degrees) VALUES (?, ?, ?)")
                .execute(Tuple.of(station, date, degrees)).await().atMost(DB)
                .property(io.vertx.mutiny.mysqlclient.MySQLClient.LAST_INSERTED_ID);
    }

    private static long insertOn(SqlConnection c, String station, LocalDate date) {
        return c.preparedQuery("INSERT INTO temperatures (station_id, date, degrees) VALUES (?, ?, ?)")
                .execute(Tuple.of(station, date, 10.0)).await().atMost(DB)
                .property(io.vertx.mutiny.mysqlclient.MySQLClient.LAST_INSERTED_ID);
    }

    private long maxId() {
        Long max = pool.query("SELECT MAX(id) AS m FROM temperatures").execute().await().atMost(DB).iterator().next()
                .getLong("m");
        return max == null ? 0 : max;
    }
}
