package io.weatherpipeline.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StationIdsTest {

    @Test
    void acceptsLettersDigitsAndSeparators() {
        assertNull(StationIds.problemWith("StationK"));
        assertNull(StationIds.problemWith("Lake_Geneva-2.north"));
        assertNull(StationIds.problemWith("x".repeat(StationIds.MAX_LENGTH)));
    }

    @Test
    void saysWhatIsWrong() {
        assertEquals("station_id must not be empty", StationIds.problemWith(null));
        assertEquals("station_id must not be empty", StationIds.problemWith("  "));
        assertEquals("station_id must be at most 64 characters, was 65", StationIds.problemWith("x".repeat(65)));
        assertEquals("station_id may contain only letters, digits, '_', '.' and '-', was 'Station K'",
                StationIds.problemWith("Station K"));
        assertEquals("station_id may contain only letters, digits, '_', '.' and '-', was 'Ström'",
                StationIds.problemWith("Ström"));
    }
}
