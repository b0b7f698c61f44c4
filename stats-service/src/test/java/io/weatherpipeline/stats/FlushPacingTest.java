package io.weatherpipeline.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FlushPacingTest {

    private static final long MS = 1_000_000L;

    private final FlushPacing pacing = new FlushPacing(Duration.ofSeconds(1));

    @Test
    void aSmallFileIsWrittenOncePerInterval() {
        assertFalse(pacing.due(999 * MS, 5 * MS));
        assertTrue(pacing.due(1000 * MS, 5 * MS));
        assertTrue(pacing.due(1000 * MS, 0));
    }

    @Test
    void aBigFileTakesAtMostATenthOfTheTime() {
        assertFalse(pacing.due(1500 * MS, 200 * MS));
        assertFalse(pacing.due(1999 * MS, 200 * MS));
        assertTrue(pacing.due(2000 * MS, 200 * MS));
    }

    @Test
    void theIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new FlushPacing(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new FlushPacing(Duration.ofSeconds(-1)));
    }
}
