package io.weatherpipeline.windows.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The running totals of one input partition, as its task keeps them: all readings, those that came after
 * their window had closed ({@code late}, counted here but in no window), per year and month (1–12) of
 * their date, and per station (with its first and last reading date).
 */
public record PartitionTotals(int partition, long total, long late, SortedMap<Integer, Long> years,
        SortedMap<Integer, Long> months, SortedMap<String, StationStats> stations) {

    /** Key of all readings in the totals store. */
    public static final String TOTAL = "total";
    /** Key of the late readings in the totals store. */
    public static final String LATE = "late";
    private static final String YEAR = "year:";
    private static final String MONTH = "month:";

    public PartitionTotals {
        years = new TreeMap<>(years);
        months = new TreeMap<>(months);
        stations = new TreeMap<>(stations);
    }

    /** The totals-store key counting readings of {@code year}. */
    public static String yearKey(int year) {
        return YEAR + year;
    }

    /** The totals-store key counting readings of {@code month} (1–12). */
    public static String monthKey(int month) {
        return MONTH + month;
    }

    /**
     * A partition's totals from its totals store ({@link #TOTAL}, {@link #LATE}, {@link #yearKey},
     * {@link #monthKey}) and its stations store.
     *
     * @throws IllegalArgumentException on a key the totals store should not hold
     */
    public static PartitionTotals of(int partition, Map<String, Long> totals, Map<String, StationStats> stations) {
        SortedMap<Integer, Long> years = new TreeMap<>();
        SortedMap<Integer, Long> months = new TreeMap<>();
        long total = 0;
        long late = 0;
        for (Map.Entry<String, Long> e : totals.entrySet()) {
            String k = e.getKey();
            if (k.equals(TOTAL)) {
                total = e.getValue();
            } else if (k.equals(LATE)) {
                late = e.getValue();
            } else if (k.startsWith(YEAR)) {
                years.put(Integer.parseInt(k.substring(YEAR.length())), e.getValue());
            } else if (k.startsWith(MONTH)) {
                months.put(Integer.parseInt(k.substring(MONTH.length())), e.getValue());
            } else {
                throw new IllegalArgumentException("partition " + partition + ": unexpected key '" + k + "' in the totals store");
            }
        }
        return new PartitionTotals(partition, total, late, years, months, new TreeMap<>(stations));
    }

    /** Readings counted in some window so far, closed or open (all but the late ones). */
    @JsonIgnore
    public long windowed() {
        return total - late;
    }
}
