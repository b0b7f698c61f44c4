package io.weatherpipeline.alerts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AlertsBeansTest {

    static AlertsConfig config(double threshold, int rowsPerStatement) {
        return new AlertsConfig() {
            @Override
            public double threshold() {
                return threshold;
            }

            @Override
            public String topic() {
                return "temperatures";
            }

            @Override
            public int rowsPerStatement() {
                return rowsPerStatement;
            }

            @Override
            public Duration transactionTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration revokeTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public FaultInjection faultInjection() {
                return new FaultInjection() {
                    @Override
                    public Optional<Integer> pauseBeforeCommit() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<Duration> commitDelay() {
                        return Optional.empty();
                    }
                };
            }
        };
    }

    @Test
    void theDefaultsPass() {
        assertDoesNotThrow(() -> AlertsBeans.check(config(30.0, 5000), "mysql://localhost:3306/weather"));
        assertDoesNotThrow(() -> AlertsBeans.check(config(-40, 1), "mariadb://user:pw@db.example:3306/CS544?charset=utf8mb4"));
    }

    @Test
    void everyBadValueIsNamedInOneMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlertsBeans.check(config(Double.NaN, 20_000), "postgresql://localhost/weather"));
        assertTrue(e.getMessage().contains("alerts.threshold must be a finite number of degrees Celsius (e.g. 30.0), was NaN"),
                e.getMessage());
        assertTrue(e.getMessage().contains("alerts.rows-per-statement must be between 1 and 10922"), e.getMessage());
        assertTrue(e.getMessage().contains("quarkus.datasource.reactive.url 'postgresql://localhost/weather' does not start"
                + " with mysql://"), e.getMessage());
        assertTrue(e.getMessage().contains("expected mysql://HOST[:PORT]/DATABASE"), e.getMessage());
    }

    @Test
    void databaseUrlsAreChecked() {
        assertNull(AlertsBeans.urlProblem("mysql://localhost:3306/weather"));
        assertNull(AlertsBeans.urlProblem("mysql://mysql/CS544"));
        assertEquals("names no database", AlertsBeans.urlProblem("mysql://localhost:3306"));
        assertEquals("names no host", AlertsBeans.urlProblem("mysql:///weather"));
        assertEquals("does not start with mysql:// (or mariadb://)", AlertsBeans.urlProblem("localhost:3306/weather"));
        assertTrue(AlertsBeans.urlProblem("mysql://local host/weather").startsWith("is not a URL"));
        assertEquals("has port 70000", AlertsBeans.urlProblem("mysql://localhost:70000/weather"));
    }
}
