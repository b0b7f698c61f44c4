package io.weatherpipeline.windows.model;

import java.util.List;

/**
 * What an instance knows of one input partition it processes: its running totals, the last window
 * closed in it ({@code null} before its first reading), and its parts of the windows still open in it.
 * The unit instances exchange to answer for all partitions.
 */
public record PartitionState(PartitionTotals totals, Long closedThrough, List<PartitionWindow> open) {

    public PartitionState {
        open = List.copyOf(open);
    }

    public int partition() {
        return totals.partition();
    }
}
