package io.weatherpipeline.consumer.writer;

import java.time.Duration;

/**
 * When a partition's buffered records become a batch file.
 *
 * <ul>
 * <li>{@code everyPoll}: one file per poll, as the original course design wrote them (many small
 * files);</li>
 * <li>otherwise a file when {@code maxRecords} are buffered, or when the oldest buffered record has
 * waited {@code maxAge} (checked by a timer, so quiet partitions are flushed too).</li>
 * </ul>
 */
public record FlushPolicy(boolean everyPoll, int maxRecords, Duration maxAge) {

    public FlushPolicy {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("consumer.flush.max-records must be at least 1, not " + maxRecords);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("consumer.flush.max-age must be positive, not " + maxAge);
        }
    }

    /** Whether a buffer holding {@code buffered} records is full and must be written before taking more. */
    public boolean isFull(int buffered) {
        return buffered >= maxRecords;
    }

    /** Whether a non-empty buffer is written when a poll's records have all been taken. */
    public boolean flushAtEndOfPoll(int buffered) {
        return everyPoll && buffered > 0;
    }

    /** Whether a buffer whose oldest record arrived {@code age} ago is due. */
    public boolean isDue(int buffered, Duration age) {
        return buffered > 0 && (isFull(buffered) || age.compareTo(maxAge) >= 0);
    }

    @Override
    public String toString() {
        return everyPoll ? "one file per poll (at most " + maxRecords + " records)"
                : "a file per " + maxRecords + " records or every " + maxAge.toMillis() + " ms";
    }
}
