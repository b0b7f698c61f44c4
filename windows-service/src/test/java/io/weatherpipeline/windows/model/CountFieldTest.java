package io.weatherpipeline.windows.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class CountFieldTest {

    private static PartitionTotals partition(int p, Map<String, Long> totals, Map<String, StationStats> stations) {
        return PartitionTotals.of(p, totals, stations);
    }

    private final List<PartitionTotals> partitions = List.of(
            partition(0, Map.of("total", 5L, "year:2000", 3L, "year:2001", 2L, "month:1", 4L, "month:12", 1L),
                    Map.of("StationA", new StationStats(5, 0, 1, 2, 10, 20))),
            partition(2, Map.of("total", 4L, "late", 1L, "year:2001", 4L, "month:1", 1L, "month:2", 3L),
                    Map.of("StationB", new StationStats(3, 0, 1, 2, 10, 20), "StationC", new StationStats(1, 0, 1, 2, 10, 10))));

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
    }

    @Test
    void partitionsSortByNumber() {
        List<PartitionTotals> many = List.of(partition(10, Map.of("total", 1L), Map.of()), partition(9, Map.of("total", 2L), Map.of()));
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

    @Test
    void anUnexpectedStoreKeyIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> partition(0, Map.of("weekday:3", 1L), Map.of()));
    }
}
