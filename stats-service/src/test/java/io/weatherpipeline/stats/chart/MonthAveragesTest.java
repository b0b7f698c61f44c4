package io.weatherpipeline.stats.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.stats.model.PartitionStats;

/** Which month, which year and which stations the chart shows. */
class MonthAveragesTest {

    @Test
    void eachMonthShowsItsLatestYearAcrossAllPartitions() {
        PartitionStats p0 = new PartitionStats(0);
        days(p0, "StationA", LocalDate.of(2000, 1, 1), LocalDate.of(2001, 1, 31), 2.0);
        PartitionStats p1 = new PartitionStats(1);
        // StationB's data ends earlier: its January 2001 exists, its March is only 2000's.
        days(p1, "StationB", LocalDate.of(2000, 3, 1), LocalDate.of(2001, 1, 10), 4.0);

        MonthAverages averages = MonthAverages.of(List.of(p0, p1), MonthChart.DEFAULT_MONTHS);
        assertEquals(List.of("January-2001", "February-2000", "March-2000"),
                averages.groups().stream().map(MonthAverages.Group::label).toList());
        assertEquals(Map.of("StationA", 2.0, "StationB", 4.0), averages.groups().get(0).averageByStation());
        assertEquals(Map.of("StationA", 2.0), averages.groups().get(1).averageByStation());
        assertEquals(Map.of("StationA", 2.0, "StationB", 4.0), averages.groups().get(2).averageByStation());
        assertEquals(List.of("StationA", "StationB"), averages.stations());
    }

    @Test
    void theAverageIsOverEveryReadingOfTheStationInAnyPartition() {
        PartitionStats p0 = new PartitionStats(0);
        p0.apply("StationA", "2005-02-01", 1.0);
        p0.apply("StationA", "2005-02-02", 2.0);
        p0.apply("StationA", "2005-02-03", 3.0);
        p0.apply("StationA", "2004-02-03", 100.0);
        PartitionStats p2 = new PartitionStats(2);
        // After a repartitioning the station's later days landed in another partition.
        p2.apply("StationA", "2005-02-04", 10.0);

        MonthAverages averages = MonthAverages.of(List.of(p0, p2), List.of(Month.FEBRUARY));
        assertEquals(1, averages.groups().size());
        assertEquals(Month.FEBRUARY, averages.groups().get(0).month());
        assertEquals(2005, averages.groups().get(0).year());
        assertEquals(16.0 / 4, averages.groups().get(0).averageByStation().get("StationA"), 1e-12);
    }

    @Test
    void monthsWithoutDataAreLeftOutAndTheChosenOrderIsKept() {
        PartitionStats p = new PartitionStats(0);
        days(p, "StationA", LocalDate.of(2010, 6, 1), LocalDate.of(2010, 8, 31), 20.0);
        MonthAverages averages = MonthAverages.of(List.of(p), List.of(Month.AUGUST, Month.JANUARY, Month.JUNE));
        assertEquals(List.of("August-2010", "June-2010"),
                averages.groups().stream().map(MonthAverages.Group::label).toList());
        assertEquals(List.of(), MonthAverages.of(List.of(p), MonthChart.DEFAULT_MONTHS).groups());
        assertEquals(List.of(), MonthAverages.of(List.of(), MonthChart.DEFAULT_MONTHS).groups());
        assertThrows(IllegalArgumentException.class,
                () -> MonthAverages.of(List.of(p), List.of(Month.JUNE, Month.JUNE)));
    }

    /** One reading a day from {@code first} to {@code last}, all {@code degrees}. */
    static void days(PartitionStats stats, String station, LocalDate first, LocalDate last, double degrees) {
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            stats.apply(station, d, degrees);
        }
    }
}
