package io.weatherpipeline.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.weatherpipeline.testsupport.WeatherStackResource;

/** The reactive MySQL client talks to a real MariaDB server started by the test stack. */
@QuarkusTest
@QuarkusTestResource(value = WeatherStackResource.class,
        initArgs = @ResourceArg(name = WeatherStackResource.SERVERS, value = "mariadb"))
class MariaDbSmokeTest {

    @Inject
    Pool pool;

    @Test
    void insertsAndSelectsARowThroughTheReactiveClient() {
        Duration timeout = Duration.ofSeconds(10);
        pool.query("CREATE TABLE IF NOT EXISTS smoke (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " station_id VARCHAR(64) NOT NULL, date DATE NOT NULL, degrees DOUBLE NOT NULL)")
                .execute().await().atMost(timeout);
        long id = pool.preparedQuery("INSERT INTO smoke (station_id, date, degrees) VALUES (?, ?, ?)")
                .execute(Tuple.of("StationC", LocalDate.of(2008, 12, 17), 35.2621))
                .await().atMost(timeout)
                .property(io.vertx.mutiny.mysqlclient.MySQLClient.LAST_INSERTED_ID);
        Row row = pool.preparedQuery("SELECT station_id, date, degrees, VERSION() AS v FROM smoke WHERE id = ?")
                .execute(Tuple.of(id)).await().atMost(timeout).iterator().next();
        assertEquals("StationC", row.getString("station_id"));
        assertEquals(LocalDate.of(2008, 12, 17), row.getLocalDate("date"));
        assertEquals(35.2621, row.getDouble("degrees"));
        // A real MariaDB answers, not an in-memory stand-in.
        org.junit.jupiter.api.Assertions.assertTrue(row.getString("v").contains("MariaDB"), row.getString("v"));
    }

    @Test
    void healthEndpointsAnswerAndIncludeTheDatasource() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name.contains('Reactive MySQL') }.status", equalTo("UP"));
    }
}
