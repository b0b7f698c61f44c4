package io.weatherpipeline.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.weatherpipeline.testsupport.WeatherStackResource;

/** The generator writing into a real MariaDB: complete, gap-free, repeat-free series per station. */
@QuarkusTest
@QuarkusTestResource(value = WeatherStackResource.class,
        initArgs = @ResourceArg(name = WeatherStackResource.SERVERS, value = "mariadb"))
class GeneratorTest {

    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    WeatherGenerator generator;

    @Test
    void writesEveryDayOfEveryStationOnceAndContinuesAfterReloading() {
        await().atMost(Duration.ofSeconds(60)).until(() -> minDaysPerConfiguredStation() >= 30);
        assertSeriesAreComplete();

        generator.reloadFromDatabase();
        long before = rowCount();
        await().atMost(Duration.ofSeconds(60)).until(() -> rowCount() >= before + 200);
        assertSeriesAreComplete();
    }

    @Test
    void stationsCanBeListedAddedAndStopped() {
        await().atMost(Duration.ofSeconds(60)).until(generator::isRestored);
        given().get("/stations").then().statusCode(200)
                .body("station_id", hasItem("StationA"))
                .body("find { it.station_id == 'StationA' }.active", equalTo(true));

        given().contentType(ContentType.JSON).body("{\"station_id\": \"StationK\"}").post("/stations")
                .then().statusCode(201).body("station_id", equalTo("StationK")).body("active", equalTo(true));
        given().contentType(ContentType.JSON).body("{\"station_id\": \"StationK\"}").post("/stations")
                .then().statusCode(409).body("error", equalTo("station StationK already exists"));
        given().contentType(ContentType.JSON).body("{\"station_id\": \"\"}").post("/stations")
                .then().statusCode(400).body("error", equalTo("station_id must not be empty"));
        given().contentType(ContentType.JSON).body("{\"station_id\": \"" + "x".repeat(65) + "\"}").post("/stations")
                .then().statusCode(400).body("error", equalTo("station_id must be at most 64 characters, was 65"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf("StationK") >= 10);
        given().delete("/stations/StationK").then().statusCode(204);
        given().delete("/stations/StationK").then().statusCode(404);
        long stopped = rowsOf("StationK");
        long total = rowCount();
        await().atMost(Duration.ofSeconds(30)).until(() -> rowCount() >= total + 100);
        assertEquals(stopped, rowsOf("StationK"), "a stopped station must not get new rows");
        given().get("/stations").then().body("find { it.station_id == 'StationK' }.active", equalTo(false));
        assertSeriesAreComplete();
    }

    /** For every station: no (station, date) twice and no day missing between its first and last. */
    private void assertSeriesAreComplete() {
        List<Row> rows = pool.query("SELECT station_id, COUNT(*) AS n, COUNT(DISTINCT date) AS days,"
                + " MIN(date) AS first, MAX(date) AS last FROM temperatures GROUP BY station_id")
                .execute().await().atMost(DB).stream().toList();
        assertTrue(rows.size() >= 10, "stations: " + rows.size());
        for (Row r : rows) {
            String station = r.getString("station_id");
            long n = r.getLong("n");
            assertEquals(n, r.getLong("days"), station + " repeats a date");
            LocalDate first = r.getLocalDate("first");
            long span = ChronoUnit.DAYS.between(first, r.getLocalDate("last")) + 1;
            assertEquals(span, n, station + " has a gap between " + first + " and " + r.getLocalDate("last"));
            if (station.startsWith("Station") && station.length() == 8 && station.charAt(7) <= 'J') {
                assertEquals(LocalDate.of(2000, 1, 1), first, station + " does not start at the start date");
            }
        }
    }

    private long minDaysPerConfiguredStation() {
        Long min = pool.query("SELECT MIN(n) AS m FROM (SELECT COUNT(*) AS n FROM temperatures"
                + " WHERE station_id BETWEEN 'StationA' AND 'StationJ' GROUP BY station_id) t")
                .execute().await().atMost(DB).iterator().next().getLong("m");
        return min == null ? 0 : min;
    }

    private long rowCount() {
        return pool.query("SELECT COUNT(*) AS n FROM temperatures").execute().await().atMost(DB).iterator().next()
                .getLong("n");
    }

    private long rowsOf(String station) {
        return pool.preparedQuery("SELECT COUNT(*) AS n FROM temperatures WHERE station_id = ?")
                .execute(Tuple.of(station)).await().atMost(DB).iterator().next().getLong("n");
    }
}
