package io.weatherpipeline.windows.model;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The fields {@code GET /count?by=} accepts, the original web server's names, and how each adds up the
 * running totals of all partitions.
 */
public enum CountField {
    /** Readings per station. */
    STATION,
    /** Readings per input partition. */
    PARTITION,
    /** Readings per year of their date. */
    YEAR,
    /** Readings per month of their date, all years together (January … December). */
    MONTH,
    /** All readings. */
    TOTAL;

    /** The valid values, as the API spells them. */
    public static String valid() {
        return Arrays.stream(values()).map(CountField::apiName).collect(Collectors.joining(", "));
    }

    /**
     * The field named {@code name}.
     *
     * @throws IllegalArgumentException listing the valid fields
     */
    public static CountField parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("by= is missing; valid fields: " + valid());
        }
        for (CountField f : values()) {
            if (f.apiName().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown field '" + name + "' for by=; valid fields: " + valid());
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This field's counts over {@code partitions}, in a stable order (months January to December). */
    public Map<String, Long> counts(Collection<PartitionTotals> partitions) {
        SortedMap<String, Long> sorted = new TreeMap<>();
        for (PartitionTotals p : partitions) {
            switch (this) {
                case STATION -> p.stations().forEach((s, stats) -> sorted.merge(s, stats.count(), Long::sum));
                case PARTITION -> sorted.put(String.valueOf(p.partition()), p.total());
                case YEAR -> p.years().forEach((y, n) -> sorted.merge(String.valueOf(y), n, Long::sum));
                case MONTH -> p.months().forEach((m, n) -> sorted.merge(String.format("%02d", m), n, Long::sum));
                case TOTAL -> sorted.merge("total", p.total(), Long::sum);
            }
        }
        if (this == PARTITION) {
            SortedMap<Integer, Long> byNumber = new TreeMap<>();
            sorted.forEach((k, v) -> byNumber.put(Integer.parseInt(k), v));
            Map<String, Long> out = new LinkedHashMap<>();
            byNumber.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        if (this == MONTH) {
            Map<String, Long> out = new LinkedHashMap<>();
            sorted.forEach((k, v) -> out.put(Month.of(Integer.parseInt(k)).getDisplayName(TextStyle.FULL, Locale.ENGLISH), v));
            return out;
        }
        if (this == TOTAL && sorted.isEmpty()) {
            return Map.of("total", 0L);
        }
        return sorted;
    }
}
