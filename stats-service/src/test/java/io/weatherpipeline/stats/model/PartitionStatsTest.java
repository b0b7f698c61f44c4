package io.weatherpipeline.stats.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The fold: month and year keys, sums, start and end, the dedup rule and the offset. */
class PartitionStatsTest {

    @Test
    void aContiguousRunIsCountedAcrossMonthAndYearBoundaries() {
        PartitionStats stats = new PartitionStats(1);
        LocalDate first = LocalDate.of(1999, 12, 30);
        LocalDate last = LocalDate.of(2000, 3, 2);
        double expectedJanuarySum = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            double degrees = d.getDayOfYear() / 10.0;
            assertTrue(stats.apply("StationA", d.toString(), degrees), d.toString());
            if (d.getYear() == 2000 && d.getMonth() == Month.JANUARY) {
                expectedJanuarySum += degrees;
            }
        }
        List<MonthStats> months = stats.months("StationA");
        // File order: calendar month, then year.
        assertEquals(List.of("JANUARY 2000", "FEBRUARY 2000", "MARCH 2000", "DECEMBER 1999"),
                months.stream().map(m -> m.month() + " " + m.year()).toList());
        assertEquals(List.of(31L, 29L, 2L, 2L), months.stream().map(MonthStats::count).toList());
        for (MonthStats m : months) {
            assertEquals(m.count(), ChronoUnit.DAYS.between(m.start(), m.end()) + 1, m.toString());
        }
        MonthStats january = stats.month("StationA", Month.JANUARY, 2000).orElseThrow();
        assertEquals(LocalDate.of(2000, 1, 1), january.start());
        assertEquals(LocalDate.of(2000, 1, 31), january.end());
        assertEquals(expectedJanuarySum, january.sum(), 1e-9);
        assertEquals(expectedJanuarySum / 31, january.avg(), 1e-12);
        MonthStats december = stats.month("StationA", Month.DECEMBER, 1999).orElseThrow();
        assertEquals(LocalDate.of(1999, 12, 30), december.start());
        assertEquals(LocalDate.of(1999, 12, 31), december.end());
        assertEquals(Optional.of(last), stats.lastDate("StationA"));
        assertEquals(Optional.empty(), stats.month("StationA", Month.JANUARY, 1999));
        assertEquals(Optional.empty(), stats.month("StationZ", Month.JANUARY, 2000));
    }

    @Test
    void aRepeatedOrEarlierDateNeverChangesANumber() {
        PartitionStats stats = new PartitionStats(0);
        assertTrue(stats.apply("StationA", "2000-01-01", 5.0));
        assertTrue(stats.apply("StationA", "2000-01-02", 6.0));
        // The generator's duplicate: the previous date again, with an absurd value.
        assertFalse(stats.apply("StationA", "2000-01-02", 999.0));
        assertFalse(stats.apply("StationA", "2000-01-01", -999.0));
        assertFalse(stats.apply("StationA", "1999-12-31", 1.0));
        assertFalse(stats.apply("StationA", LocalDate.of(2000, 1, 2), 1.0));
        MonthStats january = stats.month("StationA", Month.JANUARY, 2000).orElseThrow();
        assertEquals(2, january.count());
        assertEquals(11.0, january.sum());
        assertEquals(5.5, january.avg());
        assertEquals(LocalDate.of(2000, 1, 2), january.end());
        assertEquals(Optional.empty(), stats.month("StationA", Month.DECEMBER, 1999));
        assertEquals(1, stats.months("StationA").size());

        assertTrue(stats.apply("StationA", "2000-01-03", 7.0));
        assertEquals(3, january.count());
    }

    @Test
    void eachStationHasItsOwnLastDate() {
        PartitionStats stats = new PartitionStats(0);
        assertTrue(stats.apply("StationA", "2000-01-10", 1.0));
        assertTrue(stats.apply("StationB", "2000-01-01", 2.0));
        assertTrue(stats.apply("StationB", "2000-01-02", 3.0));
        assertFalse(stats.apply("StationA", "2000-01-02", 4.0));
        assertEquals(List.of("StationA", "StationB"), stats.stations());
        assertEquals(Optional.of(LocalDate.of(2000, 1, 2)), stats.lastDate("StationB"));
        assertEquals(Optional.empty(), stats.lastDate("StationC"));
        assertEquals(List.of(), stats.months("StationC"));
    }

    @Test
    void aGapLeavesFewerDaysCountedThanTheMonthSpans() {
        PartitionStats stats = new PartitionStats(0);
        stats.apply("StationA", "2000-01-01", 1.0);
        stats.apply("StationA", "2000-01-05", 2.0);
        MonthStats january = stats.month("StationA", Month.JANUARY, 2000).orElseThrow();
        assertEquals(2, january.count());
        assertEquals(LocalDate.of(2000, 1, 1), january.start());
        assertEquals(LocalDate.of(2000, 1, 5), january.end());
    }

    @Test
    void aStringDateAndALocalDateAreTheSameDay() {
        PartitionStats fromText = new PartitionStats(0);
        PartitionStats fromDates = new PartitionStats(0);
        for (LocalDate d = LocalDate.of(2003, 2, 20); d.isBefore(LocalDate.of(2003, 3, 10)); d = d.plusDays(1)) {
            fromText.apply("StationA", d.toString(), 1.5);
            fromDates.apply("StationA", d, 1.5);
        }
        assertEquals(StatsFile.toJson(fromText), StatsFile.toJson(fromDates));
    }

    @Test
    void theOffsetMovesOnlyForward() {
        PartitionStats stats = new PartitionStats(3);
        assertEquals(0, stats.nextOffset());
        stats.apply("StationA", "2000-01-01", 1.0);
        assertEquals(0, stats.nextOffset(), "applying a reading does not move the offset");
        stats.advanceTo(10);
        stats.advanceTo(10);
        assertEquals(10, stats.nextOffset());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stats.advanceTo(9));
        assertTrue(e.getMessage().contains("partition 3") && e.getMessage().contains("10"), e.getMessage());
        assertEquals(10, stats.nextOffset());
    }

    @Test
    void whatCannotBeStoredIsRefusedAndNamed() {
        PartitionStats stats = new PartitionStats(0);
        for (String bad : List.of("", "2000-1-01", "20000101", "2000-02-30", "2001-02-29", "2000-13-01",
                "2000-00-10", "2000-01-00", "2000-01-3a", "+200-01-01", "2000/01/01")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> stats.apply("StationA", bad, 1.0), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertTrue(stats.apply("StationA", "2000-02-29", 1.0), "2000 is a leap year");
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> stats.apply("StationA", "2000-03-01", Double.NaN));
        assertTrue(nan.getMessage().contains("NaN") && nan.getMessage().contains("StationA"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> stats.apply("StationA", "2000-03-01", Double.POSITIVE_INFINITY));
        for (String reserved : List.of("partition", "offset", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> stats.apply(reserved, "2000-01-01", 1.0), reserved);
            assertTrue(e.getMessage().contains("station id"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> stats.apply("StationA", LocalDate.of(10000, 1, 1), 1.0));
        assertEquals(List.of("StationA"), stats.stations(), "a refused reading leaves nothing behind");
        assertEquals(1, stats.month("StationA", Month.FEBRUARY, 2000).orElseThrow().count());
        assertThrows(IllegalArgumentException.class, () -> new PartitionStats(-1));
    }
}
