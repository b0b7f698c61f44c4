package io.weatherpipeline.dashboard.view;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The month averages the page charts: for every calendar month that has readings, its latest year and
 * each station's average daily maximum in that month of that year (sum / count of stats-service's
 * entries). The latest year of a month is the latest in which any station has a reading in it, the
 * rule of stats-service's {@code month.svg}, so the page and the SVG show the same bars. Immutable.
 *
 * @param months in calendar order, only months with readings
 */
public record MonthTable(List<Column> months) {

    /** One month of its latest year. */
    public record Column(String month, int year, SortedMap<String, Double> averageByStation) {

        public Column {
            averageByStation = Collections.unmodifiableSortedMap(new TreeMap<>(averageByStation));
        }
    }

    public MonthTable {
        months = List.copyOf(months);
    }

    /** The month's name as stats-service spells it: {@code January}. */
    public static String name(Month month) {
        return month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** The column of {@code month} ({@code January}), or null when it has no readings. */
    public Column column(String month) {
        return months.stream().filter(c -> c.month().equals(month)).findFirst().orElse(null);
    }

    /** Builds the table from entries {@code (station, month, year, count, sum)}. */
    public static MonthTable of(List<Entry> entries) {
        List<Column> columns = new ArrayList<>();
        for (Month m : Month.values()) {
            String name = name(m);
            int latest = entries.stream().filter(e -> e.month().equals(name) && e.count() > 0)
                    .mapToInt(Entry::year).max().orElse(-1);
            if (latest < 0) {
                continue;
            }
            SortedMap<String, double[]> totals = new TreeMap<>();
            for (Entry e : entries) {
                if (e.month().equals(name) && e.year() == latest && e.count() > 0) {
                    double[] t = totals.computeIfAbsent(e.station(), s -> new double[2]);
                    t[0] += e.sum();
                    t[1] += e.count();
                }
            }
            SortedMap<String, Double> averages = new TreeMap<>();
            totals.forEach((station, t) -> averages.put(station, t[0] / t[1]));
            columns.add(new Column(name, latest, averages));
        }
        return new MonthTable(columns);
    }

    /** One statistics entry: a station's readings in one month of one year. */
    public record Entry(String station, String month, int year, long count, double sum) {
    }
}
