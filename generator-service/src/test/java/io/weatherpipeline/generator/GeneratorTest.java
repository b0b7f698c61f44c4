package io.weatherpipeline.generator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
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
    /** {@code %test.weather.api-token} in application.properties. */
    private static final String TOKEN = "generator-test-token-0123";

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

        writer().contentType(ContentType.JSON).body("{\"station_id\": \"StationK\"}").post("/stations")
                .then().statusCode(201).body("station_id", equalTo("StationK")).body("active", equalTo(true));
        writer().contentType(ContentType.JSON).body("{\"station_id\": \"StationK\"}").post("/stations")
                .then().statusCode(409).body("error", equalTo("station StationK already exists"));
        writer().contentType(ContentType.JSON).body("{\"station_id\": \"\"}").post("/stations")
                .then().statusCode(400).body("error", equalTo("station_id must not be empty"));
        writer().contentType(ContentType.JSON).body("{\"station_id\": \"" + "x".repeat(65) + "\"}").post("/stations")
                .then().statusCode(400).body("error", equalTo("station_id must be at most 64 characters, was 65"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf("StationK") >= 10);
        writer().delete("/stations/StationK").then().statusCode(204);
        writer().delete("/stations/StationK").then().statusCode(404);
        long stopped = rowsOf("StationK");
        long total = rowCount();
        await().atMost(Duration.ofSeconds(30)).until(() -> rowCount() >= total + 100);
        assertEquals(stopped, rowsOf("StationK"), "a stopped station must not get new rows");
        given().get("/stations").then().body("find { it.station_id == 'StationK' }.active", equalTo(false));
        assertSeriesAreComplete();
    }

    /** The token rule: writes need the configured bearer token; reads and health stay open. */
    @Test
    void writesNeedTheTokenAndReadsDoNot() {
        await().atMost(Duration.ofSeconds(60)).until(generator::isRestored);
        given().contentType(ContentType.JSON).body("{\"station_id\": \"StationT\"}").post("/stations")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", containsString("needs the header 'Authorization: Bearer <token>'"));
        given().header("Authorization", "Bearer not-the-generator-token-at-all").contentType(ContentType.JSON)
                .body("{\"station_id\": \"StationT\"}").post("/stations")
                .then().statusCode(401).body("error", equalTo("the bearer token is not the configured one"));
        given().delete("/stations/StationA").then().statusCode(401);
        given().get("/stations").then().statusCode(200).body("find { it.station_id == 'StationT' }", nullValue())
                .body("find { it.station_id == 'StationA' }.active", equalTo(true));
        given().get("/q/health/ready").then().statusCode(200);

        writer().contentType(ContentType.JSON).body("{\"station_id\": \"StationT\"}").post("/stations")
                .then().statusCode(201);
        writer().delete("/stations/StationT").then().statusCode(204);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("POST", "", 400, "body"),
                Arguments.of("POST", "not json", 400, "JSON"),
                Arguments.of("POST", "[\"StationK\"]", 400, "station_id"),
                Arguments.of("POST", "{}", 400, "no text field station_id"),
                Arguments.of("POST", "{\"station_id\": 42}", 400, "no text field station_id"),
                Arguments.of("POST", "{\"station_id\": \"Station K\"}", 400, "may contain only letters"),
                Arguments.of("POST", "{\"station_id\": \"Station/K\"}", 400, "may contain only letters"),
                Arguments.of("POST", "{\"station_id\": \"" + "x".repeat(65) + "\"}", 400, "at most 64 characters"),
                Arguments.of("POST", "{\"station_id\": \"" + "x".repeat(20_000) + "\"}", 413, ""),
                Arguments.of("DELETE", "Station%20K", 400, "may contain only letters"),
                Arguments.of("DELETE", "x".repeat(65), 400, "at most 64 characters"),
                Arguments.of("DELETE", "NoSuchStation", 404, "no active station NoSuchStation"));
    }

    /** Every bad input of the station API gets a 4xx saying what is wrong, and changes nothing. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("badRequests")
    void badRequestsAreRefusedSayingWhy(String method, String input, int status, String why) {
        await().atMost(Duration.ofSeconds(60)).until(generator::isRestored);
        int before = given().get("/stations").then().statusCode(200).extract().jsonPath().getList("$").size();
        var answer = method.equals("POST")
                ? writer().contentType(ContentType.JSON).body(input).post("/stations")
                : writer().urlEncodingEnabled(false).delete("/stations/" + input);
        answer.then().statusCode(status);
        if (!why.isEmpty()) {
            answer.then().body("error", containsString(why));
        }
        assertEquals(before, given().get("/stations").then().extract().jsonPath().getList("$").size());
    }

    private static RequestSpecification writer() {
        return given().header("Authorization", "Bearer " + TOKEN);
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
