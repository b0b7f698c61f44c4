package io.weatherpipeline.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StationCalendarTest {

    private static final LocalDate START = LocalDate.of(2000, 1, 1);
    private final WeatherModel model = new WeatherModel(1);

    @Test
    void firstStartBeginsEveryConfiguredStationAtTheStartDate() {
        StationCalendar c = new StationCalendar(START);
        c.restore(Map.of(), Map.of(), List.of("StationA", "StationB"));
        List<Reading> batch = c.nextBatch(2, model);
        assertEquals(List.of("StationA 2000-01-01", "StationB 2000-01-01", "StationA 2000-01-02", "StationB 2000-01-02"),
                batch.stream().map(r -> r.stationId() + " " + r.date()).toList());
        assertNull(c.all().get(0).lastDate(START));
    }

    @Test
    void nothingMovesUntilTheBatchIsCommitted() {
        StationCalendar c = new StationCalendar(START);
        c.restore(Map.of(), Map.of(), List.of("StationA"));
        List<Reading> first = c.nextBatch(3, model);
        assertEquals(first, c.nextBatch(3, model), "a failed insert must be retried with the same days");
        c.committed(first);
        assertEquals(LocalDate.of(2000, 1, 4), c.nextBatch(1, model).get(0).date());
        assertEquals(LocalDate.of(2000, 1, 3), c.all().get(0).lastDate(START));
    }

    @Test
    void restartContinuesTheDayAfterTheLastStoredDay() {
        StationCalendar c = new StationCalendar(START);
        c.restore(Map.of("StationA", LocalDate.of(2003, 5, 9), "StationB", LocalDate.of(2003, 5, 9)), Map.of(),
                List.of("StationA", "StationB", "StationC"));
        List<Reading> batch = c.nextBatch(1, model);
        assertEquals(3, batch.size());
        batch.forEach(r -> assertEquals(LocalDate.of(2003, 5, 10), r.date(), r.stationId()));
    }

    @Test
    void stoppedAndUnconfiguredStationsStayStoppedAfterARestart() {
        StationCalendar c = new StationCalendar(START);
        c.restore(Map.of("StationA", LocalDate.of(2001, 1, 1), "Old", LocalDate.of(2000, 6, 1)),
                Map.of("StationA", false, "Added", true), List.of("StationA"));
        assertFalse(c.isActive("StationA"));
        assertFalse(c.isActive("Old"));
        assertTrue(c.isActive("Added"));
        assertEquals(List.of("Added"), c.nextBatch(1, model).stream().map(Reading::stationId).toList());
        assertEquals(LocalDate.of(2001, 1, 2), c.nextBatch(1, model).get(0).date(), "Added joins at the current day");
    }

    @Test
    void anAddedStationJoinsTheCurrentDay() {
        StationCalendar c = new StationCalendar(START);
        c.restore(Map.of("StationA", LocalDate.of(2000, 3, 31)), Map.of(), List.of("StationA"));
        StationCalendar.Station k = c.add("StationK");
        assertEquals(LocalDate.of(2000, 4, 1), k.nextDate());
        assertThrows(IllegalStateException.class, () -> c.add("StationK"));
        assertThrows(IllegalArgumentException.class, () -> c.add(""));
        assertThrows(IllegalArgumentException.class, () -> c.add("x".repeat(65)));
    }

    @Test
    void aReaddedStationNeitherRepeatsNorBackfills() {
        StationCalendar c = new StationCalendar(START);
        c.restore(Map.of("StationA", LocalDate.of(2000, 1, 10), "StationB", LocalDate.of(2000, 1, 20)), Map.of(),
                List.of("StationA", "StationB"));
        assertTrue(c.stop("StationA"));
        assertFalse(c.stop("StationA"));
        assertEquals(LocalDate.of(2000, 1, 21), c.add("StationA").nextDate());
    }

    @Test
    void temperaturesComeFromTheModel() {
        StationCalendar c = new StationCalendar(START);
        c.restore(Map.of(), Map.of(), List.of("StationA"));
        Reading r = c.nextBatch(1, model).get(0);
        assertEquals(model.maxTemperature("StationA", START), r.degrees());
    }
}
