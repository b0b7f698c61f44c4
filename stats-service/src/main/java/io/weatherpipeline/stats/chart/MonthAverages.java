package io.weatherpipeline.stats.chart;

import java.time.Month;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import io.weatherpipeline.stats.model.MonthStats;
import io.weatherpipeline.stats.model.PartitionStats;
import io.weatherpipeline.stats.model.StatsFile;

/**
 * What the month chart shows: for each chosen month, its latest year and each station's average
 * daily maximum temperature in that month of that year.
 *
 * <p>The latest year of a month is the latest year in which any station of any of the given
 * partitions has a reading in that month; a station with no reading in that month of that year has
 * no bar, and a month no station has a reading in is left out. A station found in several
 * partitions (after the topic was repartitioned) is averaged over all its readings. Immutable.
 *
 * @param groups one per month that has data, in the order the months were chosen
 */
public record MonthAverages(List<Group> groups) {

    /**
     * One month of the chart.
     *
     * @param averageByStation sum / count of each station with readings then, by station
     */
    public record Group(Month month, int year, SortedMap<String, Double> averageByStation) {

        public Group {
            averageByStation = Collections.unmodifiableSortedMap(new TreeMap<>(averageByStation));
        }

        /** The group's label under the bars: {@code January-2021}. */
        public String label() {
            return StatsFile.monthName(month) + "-" + year;
        }
    }

    public MonthAverages {
        groups = List.copyOf(groups);
    }

    /**
     * The averages of {@code months} in the latest year of each, over {@code partitions}.
     *
     * @throws IllegalArgumentException when a month is chosen twice
     */
    public static MonthAverages of(Collection<PartitionStats> partitions, List<Month> months) {
        Set<Month> seen = EnumSet.noneOf(Month.class);
        List<Group> groups = new ArrayList<>();
        for (Month month : months) {
            if (!seen.add(month)) {
                throw new IllegalArgumentException(StatsFile.monthName(month) + " is chosen twice in " + months);
            }
            int year = latestYear(partitions, month);
            if (year < 0) {
                continue;
            }
            // {sum, count} per station, added up over partitions.
            SortedMap<String, double[]> totals = new TreeMap<>();
            for (PartitionStats p : partitions) {
                for (String station : p.stations()) {
                    p.month(station, month, year).ifPresent(e -> {
                        double[] t = totals.computeIfAbsent(station, s -> new double[2]);
                        t[0] += e.sum();
                        t[1] += e.count();
                    });
                }
            }
            SortedMap<String, Double> averages = new TreeMap<>();
            totals.forEach((station, t) -> averages.put(station, t[0] / t[1]));
            groups.add(new Group(month, year, averages));
        }
        return new MonthAverages(groups);
    }

    /** Every station with a bar, sorted. */
    public List<String> stations() {
        Set<String> all = new TreeSet<>();
        for (Group g : groups) {
            all.addAll(g.averageByStation().keySet());
        }
        return List.copyOf(all);
    }

    /** The latest year with a reading in {@code month}, or -1 when there is none. */
    private static int latestYear(Collection<PartitionStats> partitions, Month month) {
        int latest = -1;
        for (PartitionStats p : partitions) {
            for (String station : p.stations()) {
                for (MonthStats e : p.months(station)) {
                    if (e.month() == month) {
                        latest = Math.max(latest, e.year());
                    }
                }
            }
        }
        return latest;
    }
}
