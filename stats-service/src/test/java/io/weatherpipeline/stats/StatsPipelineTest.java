package io.weatherpipeline.stats;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
import io.weatherpipeline.stats.model.PartitionStats;
import io.weatherpipeline.stats.model.StatsFile;
import io.weatherpipeline.testsupport.WeatherStackResource;

/**
 * The service against a real broker: started before its topic exists, it waits, then counts every
 * committed reading of its four partitions once, unmoved by duplicates, aborted transactions and
 * poison values, and serves the statistics, the plot, health and metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = WeatherStackResource.class,
        initArgs = @ResourceArg(name = WeatherStackResource.SERVERS, value = "kafka"))
@QuarkusTestResource(EmptyStatsDir.class)
class StatsPipelineTest {

    private static final Duration DRAIN = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "stats.topic")
    String topic;

    @Inject
    StatsWriter writer;

    @Test
    void countsEveryReadingOnceAndServesTheStatistics() throws Exception {
        // Started before the topic exists: not ready, and says why.
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == '" + StatsHealthCheck.NAME + "' }.data.waiting_for",
                        containsString("not held"));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        await().atMost(DRAIN).until(() -> writer.held().size() == 4);

        try (StationFeed feed = new StationFeed(bootstrap, topic, "stats-test", StationFeed.stations(6),
                LocalDate.of(2020, 12, 20))) {
            feed.commitDays(50, true);
            feed.abortDays(5);
            feed.poison("StationC");
            feed.commitDays(60, true);
            await().atMost(DRAIN).until(() -> StationFeed.counted(writer.store().readAll()) == feed.unique());
            List<PartitionStats> files = writer.store().readAll();
            StationFeed.assertExactlyOnce(feed.expected(), files, "after duplicates, an abort and a poison value");

            // What the API answers is what the files hold.
            JsonNode all = new ObjectMapper().readTree(given().when().get("/stats").then().statusCode(200)
                    .extract().asString());
            assertEquals(6, all.size(), all.toString());
            assertEquals(feed.expected().get(StationFeed.key("StationA", 2021, java.time.Month.JANUARY)).count(),
                    all.path("StationA").path("January").path("2021").path("count").asLong());
            for (PartitionStats p : files) {
                String body = given().when().get("/stats/" + p.partition()).then().statusCode(200)
                        .contentType(containsString("application/json")).extract().asString();
                assertEquals(StatsFile.toJson(p), body.trim());
                assertEquals(p.nextOffset(), Long.parseLong(given().when().get("/q/health/ready").then()
                        .statusCode(200).extract().path("checks.find { it.name == '" + StatsHealthCheck.NAME
                                + "' }.data.partition-" + p.partition() + "-offset").toString()));
            }
            given().when().get("/stats/9").then().statusCode(404).body("error", containsString("not owned"));
            given().when().get("/stats/x").then().statusCode(400).body("error", containsString("not a partition number"));

            // The plot: one bar per station for each of the three months of 2021.
            String svg = given().when().get("/plot/month.svg").then().statusCode(200)
                    .contentType(containsString("image/svg+xml")).extract().asString();
            for (String label : List.of("January-2021", "February-2021", "March-2021")) {
                assertTrue(svg.contains(label), label + " missing from the plot");
            }
            given().when().get("/plot/month.svg?months=April,Smarch").then().statusCode(400)
                    .body("error", containsString("'Smarch' is not a month name"));

            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("stats_records_poison_total 1.0"), "poison metric");
            assertTrue(metrics.matches("(?s).*stats_readings_duplicate_total [1-9].*"), "duplicate metric");
            assertTrue(metrics.contains("stats_readings_counted_total " + feed.unique() + ".0"), "counted metric");
        }
        assertTrue(Files.isRegularFile(EmptyStatsDir.DIR.resolve("partition-0.json")));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Requests as sent (already URL-encoded), the status and a part of the error each must get. */
    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("/stats/x", 400, "'x' is not a partition number: a partition is a whole number from 0"),
                Arguments.of("/stats/1.5", 400, "'1.5' is not a partition number"),
                Arguments.of("/stats/-1", 400, "partition '-1' is negative"),
                Arguments.of("/stats/2147483648", 400, "partition '2147483648' is too large"),
                Arguments.of("/stats/" + "7".repeat(500), 400, "(500 characters) is too large"),
                Arguments.of("/stats/" + "x".repeat(500), 400, "'" + "x".repeat(40) + "…' (500 characters) is not a partition number"),
                Arguments.of("/stats/9", 404, "partition 9 is not owned by this instance (stats.partitions=0,1,2,3)"),
                Arguments.of("/stats/2147483647", 404, "not owned by this instance"),
                Arguments.of("/stats/0?partition=1", 400, "unknown query parameter 'partition': GET /stats/{partition} takes none"),
                Arguments.of("/stats?station=StationA", 400, "unknown query parameter 'station': GET /stats takes none"),
                Arguments.of("/plot/month.svg?month=April", 400, "unknown query parameter 'month': GET /plot/month.svg"
                        + " takes only months"),
                Arguments.of("/plot/month.svg?months=April&months=May", 400, "months is given 2 times: give it once"),
                Arguments.of("/plot/month.svg?months=April,Smarch", 400, "'Smarch' is not a month name"),
                Arguments.of("/plot/month.svg?months=april", 400, "'april' is not a month name (January, February"),
                Arguments.of("/plot/month.svg?months=May,May", 400, "May is named twice"),
                Arguments.of("/plot/month.svg?months=,", 400, "names no month"),
                Arguments.of("/plot/month.svg?months=" + "April,".repeat(30), 400, "months is 180 characters long, at most 120"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void refusesBadInputSayingWhatIsValid(String request, int status, String says) {
        given().urlEncodingEnabled(false).when().get(request).then().statusCode(status)
                .contentType(containsString("application/json")).body("error", containsString(says));
    }
}
