package io.weatherpipeline.windows.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class CountFieldTest {

    private static StationState station(long count, long late, int yearMonth, long yearMonthCount) {
        StationStats s = new StationStats(count, 0, 1, 2, 10, 20);
        return new StationState(s, late, 7, s, yearMonth, yearMonthCount);
    }

    // Partition 0: StationA, 5 readings: 3 in months it has left (2000-01: 2, 2000-12: 1), 2 in 2001-01 now.
    // Partition 2: StationB 3 (one late), StationC 1: months left 2001-02: 3; now 2001-01: 1 (C), 2001-02: 0 (B, moved back).
    private final List<PartitionTotals> partitions = List.of(
            PartitionTotals.of(0, Map.of("StationA", station(5, 0, 200101, 2)), Map.of(200001, 2L, 200012, 1L)),
            PartitionTotals.of(2, Map.of("StationB", station(3, 1, 200102, 0), "StationC", station(1, 0, 200101, 1)),
                    Map.of(200102, 3L)));

    @Test
    void addsUpEveryField() {
        assertEquals(new TreeMap<>(Map.of("StationA", 5L, "StationB", 3L, "StationC", 1L)), CountField.STATION.counts(partitions));
        assertEquals(Map.of("0", 5L, "2", 4L), CountField.PARTITION.counts(partitions));
        assertEquals(Map.of("2000", 3L, "2001", 6L), CountField.YEAR.counts(partitions));
        assertEquals(List.of("January", "February", "December"), List.copyOf(CountField.MONTH.counts(partitions).keySet()));
        assertEquals(List.of(5L, 3L, 1L), List.copyOf(CountField.MONTH.counts(partitions).values()));
        assertEquals(Map.of("total", 9L), CountField.TOTAL.counts(partitions));
        assertEquals(Map.of("total", 0L), CountField.TOTAL.counts(List.of()));
        assertEquals(8, partitions.stream().mapToLong(PartitionTotals::windowed).sum());
        assertEquals(1, partitions.get(1).late());
    }

    @Test
    void partitionsSortByNumber() {
        List<PartitionTotals> many = List.of(PartitionTotals.of(10, Map.of("A", station(1, 0, 200001, 1)), Map.of()),
                PartitionTotals.of(9, Map.of("B", station(2, 0, 200001, 2)), Map.of()));
        assertEquals(List.of("9", "10"), List.copyOf(CountField.PARTITION.counts(many).keySet()));
    }

    @Test
    void anUnknownFieldListsTheValidOnes() {
        assertEquals(CountField.MONTH, CountField.parse("month"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CountField.parse("degrees"));
        assertEquals("unknown field 'degrees' for by=; valid fields: station, partition, year, month, total", e.getMessage());
        assertEquals("by= is missing; valid fields: station, partition, year, month, total",
                assertThrows(IllegalArgumentException.class, () -> CountField.parse(null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CountField.parse("STATION"));
    }
}
