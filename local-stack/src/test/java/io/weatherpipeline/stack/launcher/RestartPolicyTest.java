package io.weatherpipeline.stack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void thePauseDoublesWithEveryCrashInARowUpToAMinute() {
        assertEquals(Duration.ofSeconds(1), RestartPolicy.pause(1));
        assertEquals(Duration.ofSeconds(2), RestartPolicy.pause(2));
        assertEquals(Duration.ofSeconds(32), RestartPolicy.pause(6));
        assertEquals(Duration.ofSeconds(60), RestartPolicy.pause(7));
        assertEquals(Duration.ofSeconds(60), RestartPolicy.pause(1000));
        assertThrows(IllegalArgumentException.class, () -> RestartPolicy.pause(0));
    }

    @Test
    void aServiceThatRanLongEnoughStartsANewRow() {
        assertEquals(4, RestartPolicy.crashesInARow(3, Duration.ofSeconds(5)));
        assertEquals(1, RestartPolicy.crashesInARow(3, Duration.ofSeconds(30)));
        assertEquals(1, RestartPolicy.crashesInARow(0, Duration.ZERO));
    }
}
