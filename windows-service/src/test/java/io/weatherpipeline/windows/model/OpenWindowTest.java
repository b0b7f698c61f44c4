package io.weatherpipeline.windows.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class OpenWindowTest {

    private static final WindowIds IDS = new WindowIds(10_000, 1_000);

    private static PartitionState partition(int p, Long closedThrough, PartitionWindow... open) {
        return new PartitionState(PartitionTotals.of(p, Map.of(), Map.of()), closedThrough, List.of(open));
    }

    private static PartitionWindow part(long id, int p, long count) {
        return PartitionWindow.of(id, p, Map.of("Station" + p, new StationStats(count, 1, 2, 1.5 * count, 0, 0)));
    }

    @Test
    void takesClosedPartsFromTheCloserAndTheRestFromThePartitions() {
        // Partition 0 closed window 5 and the closer has its part; partition 1 has not: its part is in its store.
        CloserState closer = new CloserState(new TreeMap<>(Map.of(0, 5L, 1, 4L)), 4L, List.of(part(5, 0, 3)));
        List<OpenWindow> open = OpenWindow.of(IDS, 2, closer, List.of(
                partition(0, 5L, part(5, 0, 99), part(6, 0, 2)),
                partition(1, 4L, part(4, 1, 7), part(5, 1, 4))));
        assertEquals(2, open.size(), "window 4 is closed everywhere and not shown");
        OpenWindow five = open.get(0);
        assertEquals(5, five.id());
        assertEquals(7, five.total(), "3 from the closer's part of partition 0, 4 from partition 1's store");
        assertEquals(List.of(0), five.closedIn());
        assertEquals(List.of(1), five.waitingFor());
        assertEquals(Map.of(0, 3L, 1, 4L), five.partitions());
        OpenWindow six = open.get(1);
        assertEquals(2, six.total());
        assertEquals(List.of(), six.closedIn());
        assertEquals(List.of(0, 1), six.waitingFor());
    }

    @Test
    void aPartitionClosedHereButNotYetHeardByTheCloserStillCounts() {
        CloserState closer = new CloserState(new TreeMap<>(Map.of(0, 4L, 1, 4L)), 4L, List.of());
        List<OpenWindow> open = OpenWindow.of(IDS, 2, closer, List.of(partition(0, 5L, part(5, 0, 3)), partition(1, 4L)));
        assertEquals(1, open.size());
        assertEquals(3, open.get(0).total());
        assertEquals(List.of(0), open.get(0).closedIn());
    }

    @Test
    void nothingYet() {
        assertEquals(List.of(), OpenWindow.of(IDS, 4, new CloserState(new TreeMap<>(), null, List.of()), List.of()));
    }
}
