package io.weatherpipeline.windows.model;

import java.util.List;

/**
 * What one input partition tells the window closer: every window up to {@code closedThrough} is
 * closed in this partition, and here are its parts of the windows that closed with this message (only
 * those that had readings). Sent in offset order, so the closer sees a partition's parts before the
 * progress that closes them.
 */
public record PartitionProgress(int partition, long closedThrough, List<PartitionWindow> windows) {

    public PartitionProgress {
        windows = List.copyOf(windows);
    }
}
