package io.weatherpipeline.alerts.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AlertQueryTest {

    @Test
    void nothingGivenMeansTheNewestHundred() {
        assertEquals(new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), 100),
                AlertQuery.parse(null, "", " ", null));
    }

    @Test
    void everyParameterIsRead() {
        assertEquals(new AlertQuery(Optional.of("StationC"), Optional.of(LocalDate.of(2001, 1, 1)),
                        Optional.of(LocalDate.of(2001, 12, 31)), 5),
                AlertQuery.parse(" StationC ", "2001-01-01", "2001-12-31", "5"));
        assertEquals(LocalDate.of(2001, 1, 1), AlertQuery.parse(null, "2001-01-01", "2001-01-01", null).to().orElseThrow(),
                "a single day");
    }

    @Test
    void badParametersAreAllNamedWithWhatTheyShouldBe() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlertQuery.parse("S".repeat(65), "yesterday", "2001-02-30", "many"));
        assertTrue(e.getMessage().contains("station: station_id must be at most 64 characters, was 65"), e.getMessage());
        assertTrue(e.getMessage().contains("from must be a day as YYYY-MM-DD, was 'yesterday'"), e.getMessage());
        assertTrue(e.getMessage().contains("to must be a day as YYYY-MM-DD, was '2001-02-30'"), e.getMessage());
        assertTrue(e.getMessage().contains("limit must be a whole number between 1 and 10000, was 'many'"), e.getMessage());
    }

    @Test
    void limitsAndRangesOutOfBoundsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AlertQuery.parse(null, null, null, "0"))
                .getMessage().contains("limit must be between 1 and 10000, was 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AlertQuery.parse(null, null, null, "10001"))
                .getMessage().contains("was 10001"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AlertQuery.parse(null, "2002-01-01", "2001-01-01", null))
                .getMessage().contains("from (2002-01-01) is after to (2001-01-01)"));
    }

    @Test
    void stationsFollowTheStationIdRuleAndDaysHaveFourDigitYears() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AlertQuery.parse("Station A", null, null, null))
                .getMessage().contains("station: station_id may contain only letters, digits, '_', '.' and '-', was 'Station A'"));
        assertEquals(Optional.of("Station_A.1-b"), AlertQuery.parse("Station_A.1-b", null, null, null).station());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AlertQuery.parse(null, "+10000-01-01", "-0001-01-01", null))
                .getMessage().contains("from must be a day as YYYY-MM-DD, was '+10000-01-01'; to must be a day"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AlertQuery.parse(null, "2".repeat(100), null, null))
                .getMessage().endsWith("was '" + "2".repeat(40) + "…' (100 characters)"));
    }
}
