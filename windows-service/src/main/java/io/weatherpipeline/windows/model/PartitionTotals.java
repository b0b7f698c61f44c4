package io.weatherpipeline.windows.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The running totals of one input partition: all readings, those that came after their window had
 * closed ({@code late}, counted here but in no window), per year and month (1–12) of their date, and per
 * station (with its first and last reading date).
 */
public record PartitionTotals(int partition, long total, long late, SortedMap<Integer, Long> years,
        SortedMap<Integer, Long> months, SortedMap<String, StationStats> stations) {

    public PartitionTotals {
        years = new TreeMap<>(years);
        months = new TreeMap<>(months);
        stations = new TreeMap<>(stations);
    }

    /**
     * A partition's totals from its stations' states and the counts of the year-months they have left
     * ({@code year * 100 + month} → readings).
     */
    public static PartitionTotals of(int partition, Map<String, StationState> states, Map<Integer, Long> yearMonths) {
        SortedMap<Integer, Long> byYearMonth = new TreeMap<>(yearMonths);
        SortedMap<String, StationStats> stations = new TreeMap<>();
        long total = 0;
        long late = 0;
        for (Map.Entry<String, StationState> e : states.entrySet()) {
            StationState st = e.getValue();
            stations.put(e.getKey(), st.soFar());
            total += st.soFar().count();
            late += st.late();
            byYearMonth.merge(st.yearMonth(), st.yearMonthCount(), Long::sum);
        }
        SortedMap<Integer, Long> years = new TreeMap<>();
        SortedMap<Integer, Long> months = new TreeMap<>();
        byYearMonth.forEach((ym, n) -> {
            if (n != 0) {
                years.merge(ym / 100, n, Long::sum);
                months.merge(ym % 100, n, Long::sum);
            }
        });
        return new PartitionTotals(partition, total, late, years, months, stations);
    }

    /** Readings counted in some window so far, closed or open (all but the late ones). */
    @JsonIgnore
    public long windowed() {
        return total - late;
    }
}
