package io.weatherpipeline.producer;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.weatherpipeline.testsupport.WeatherStackResource;

@QuarkusTest
@QuarkusTestResource(value = WeatherStackResource.class,
        initArgs = @ResourceArg(name = WeatherStackResource.SERVERS, value = "kafka,mariadb"))
class HealthTest {

    @Test
    void healthEndpointsAnswer() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
