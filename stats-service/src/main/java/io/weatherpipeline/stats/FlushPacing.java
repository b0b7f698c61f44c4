package io.weatherpipeline.stats;

import java.time.Duration;

/**
 * When a partition's statistics file is due to be replaced: at most every {@code stats.flush-interval},
 * and never so often that writing takes more than a tenth of the time. A file grows with the years it
 * covers (a backlog of centuries of simulated days makes megabytes), and rewriting it whole every
 * second would then cost more than counting; a crash only means more records are read again. Pure.
 */
public final class FlushPacing {

    /** A file may take at most 1/{@value} of the time between two writes. */
    static final int WRITE_SHARE = 10;

    private final long intervalNanos;

    public FlushPacing(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("stats.flush-interval must be positive, is " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    /**
     * @param sinceLastWrite nanos since the file was last replaced
     * @param lastWriteCost nanos the last replace took (0 before the first)
     */
    public boolean due(long sinceLastWrite, long lastWriteCost) {
        return sinceLastWrite >= Math.max(intervalNanos, WRITE_SHARE * lastWriteCost);
    }

    @Override
    public String toString() {
        return "at most every " + Duration.ofNanos(intervalNanos) + " and at most " + (100 / WRITE_SHARE)
                + " % of the time spent writing";
    }
}
