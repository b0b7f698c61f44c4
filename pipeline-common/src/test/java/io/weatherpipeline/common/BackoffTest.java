package io.weatherpipeline.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheMaximumAndResetsOnSuccess() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(2));
        long t = 0;
        assertTrue(b.mayTry(t));
        assertEquals(Duration.ofMillis(500), b.failed(t));
        assertFalse(b.mayTry(t + 499_000_000L));
        assertTrue(b.mayTry(t + 500_000_000L));
        assertEquals(Duration.ofSeconds(1), b.failed(t));
        assertEquals(Duration.ofSeconds(2), b.failed(t));
        assertEquals(Duration.ofSeconds(2), b.failed(t));
        assertTrue(b.succeeded());
        assertFalse(b.succeeded());
        assertTrue(b.mayTry(t));
        assertEquals(Duration.ofMillis(500), b.failed(t));
    }
}
