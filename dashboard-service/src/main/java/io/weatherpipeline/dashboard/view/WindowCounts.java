package io.weatherpipeline.dashboard.view;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One time window of windows-service: its id, bounds, total and records per station (empty when the
 * answer listed only the total).
 */
public record WindowCounts(long id, String start, String end, long total, SortedMap<String, Long> byStation) {

    public WindowCounts {
        byStation = Collections.unmodifiableSortedMap(new TreeMap<>(byStation));
    }
}
