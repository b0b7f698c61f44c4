package io.weatherpipeline.windows.model;

import java.time.LocalDate;

/**
 * The readings of one station in one window (or, for {@code /sources}, so far): how many, lowest,
 * highest and summed degrees, earliest and latest reading date (days since 1970-01-01). Immutable; the
 * sum is added in the order the readings came, so the same readings in the same order give the same bits.
 */
public record StationStats(long count, double min, double max, double sum, int firstDay, int lastDay) {

    /** The statistics of one reading. */
    public static StationStats of(double degrees, int day) {
        return new StationStats(1, degrees, degrees, degrees, day, day);
    }

    /** These statistics with one more reading. */
    public StationStats plus(double degrees, int day) {
        return new StationStats(count + 1, Math.min(min, degrees), Math.max(max, degrees), sum + degrees,
                Math.min(firstDay, day), Math.max(lastDay, day));
    }

    /** These statistics and {@code other}'s together (this one's sum first). */
    public StationStats merge(StationStats other) {
        return new StationStats(count + other.count, Math.min(min, other.min), Math.max(max, other.max),
                sum + other.sum, Math.min(firstDay, other.firstDay), Math.max(lastDay, other.lastDay));
    }

    public double average() {
        return sum / count;
    }

    public LocalDate firstDate() {
        return LocalDate.ofEpochDay(firstDay);
    }

    public LocalDate lastDate() {
        return LocalDate.ofEpochDay(lastDay);
    }
}
