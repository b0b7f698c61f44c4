package io.weatherpipeline.windows.model;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the window closer knows: the last window closed in each input partition as far as it has heard,
 * the last window closed in all of them ({@code null} until every partition has reported), and the
 * parts of windows some partitions have closed and others not yet.
 */
public record CloserState(SortedMap<Integer, Long> frontiers, Long closedThrough, List<PartitionWindow> pending) {

    public CloserState {
        frontiers = new TreeMap<>(frontiers);
        pending = List.copyOf(pending);
    }
}
