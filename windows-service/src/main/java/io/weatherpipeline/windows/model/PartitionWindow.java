package io.weatherpipeline.windows.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One input partition's part of one window: the statistics of each station whose readings it carried.
 * A window's result is the union of its partitions' parts.
 */
public record PartitionWindow(long windowId, int partition, SortedMap<String, StationStats> stations) {

    public PartitionWindow {
        stations = new TreeMap<>(stations);
    }

    public static PartitionWindow of(long windowId, int partition, Map<String, StationStats> stations) {
        return new PartitionWindow(windowId, partition, new TreeMap<>(stations));
    }

    /** Readings in this part. */
    public long count() {
        long n = 0;
        for (StationStats s : stations.values()) {
            n += s.count();
        }
        return n;
    }
}
