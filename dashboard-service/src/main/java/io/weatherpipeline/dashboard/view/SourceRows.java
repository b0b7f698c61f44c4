package io.weatherpipeline.dashboard.view;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the dashboard reads from table {@code temperatures}: its newest row id and each station's
 * most recent days, oldest first.
 *
 * @param newestId the largest {@code id}, 0 for an empty table
 */
public record SourceRows(long newestId, SortedMap<String, List<DayReading>> recentByStation) {

    public SourceRows {
        SortedMap<String, List<DayReading>> copy = new TreeMap<>();
        recentByStation.forEach((station, days) -> copy.put(station, List.copyOf(days)));
        recentByStation = java.util.Collections.unmodifiableSortedMap(copy);
    }

    public static SourceRows of(long newestId, Map<String, List<DayReading>> recentByStation) {
        return new SourceRows(newestId, new TreeMap<>(recentByStation));
    }
}
