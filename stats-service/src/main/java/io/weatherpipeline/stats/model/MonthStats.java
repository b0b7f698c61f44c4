package io.weatherpipeline.stats.model;

import java.time.LocalDate;
import java.time.Month;

/**
 * The statistics of one station for one month of one year: how many days were counted, the sum and
 * average of their maximum temperatures, and the first and last day seen. Changed only by its
 * {@link PartitionStats}, on that partition's writer thread; not thread-safe.
 */
public final class MonthStats {

    private final int year;
    private final int month;
    private long count;
    private double sum;
    private int start;
    private int end;

    /** An entry with nothing counted yet; the first {@link #add} sets start and end. */
    MonthStats(int year, int month) {
        this.year = year;
        this.month = month;
    }

    /** An entry as read from a file, already checked by {@link StatsFile}. */
    MonthStats(int year, int month, long count, double sum, int start, int end) {
        this(year, month);
        this.count = count;
        this.sum = sum;
        this.start = start;
        this.end = end;
    }

    /** Counts one day; days arrive in increasing order (the fold drops the others). */
    void add(int packedDate, double degrees) {
        if (count == 0) {
            start = packedDate;
        }
        end = packedDate;
        count++;
        sum += degrees;
    }

    public int year() {
        return year;
    }

    public Month month() {
        return Month.of(month);
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    /** {@code sum / count}, unrounded. */
    public double avg() {
        return sum / count;
    }

    /** The first day counted. */
    public LocalDate start() {
        return PackedDate.toLocalDate(start);
    }

    /** The last day counted. */
    public LocalDate end() {
        return PackedDate.toLocalDate(end);
    }

    /** The same station, month and year counted in two partitions: one entry holding both (a new object). */
    static MonthStats combine(MonthStats a, MonthStats b) {
        return new MonthStats(a.year, a.month, a.count + b.count, a.sum + b.sum, Math.min(a.start, b.start),
                Math.max(a.end, b.end));
    }

    int packedStart() {
        return start;
    }

    int packedEnd() {
        return end;
    }

    @Override
    public String toString() {
        return month() + " " + year + ": count " + count + ", sum " + sum + ", " + PackedDate.format(start) + ".."
                + PackedDate.format(end);
    }
}
