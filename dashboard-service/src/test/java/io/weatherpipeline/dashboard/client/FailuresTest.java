package io.weatherpipeline.dashboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class FailuresTest {

    private static final Duration T = Duration.ofMillis(1500);

    @Test
    void saysWhyInAFewWords() {
        assertEquals("no answer within 1500 ms", Failures.describe(new io.smallrye.mutiny.TimeoutException(), T));
        assertEquals("not running (connection refused)",
                Failures.describe(new RuntimeException("wrapped", new ConnectException("Connection refused")), T));
        assertEquals("HTTP 503: stopped", Failures.describe(new Failures.HttpStatusException(503, "stopped"), T));
        assertEquals("disk full", Failures.describe(new RuntimeException(new IllegalStateException("disk full")), T));
        assertEquals("IllegalStateException", Failures.describe(new IllegalStateException(), T));
    }
}
