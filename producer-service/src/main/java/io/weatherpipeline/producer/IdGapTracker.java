package io.weatherpipeline.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Decides how far the tailer may go past its watermark. With several writers MySQL can commit id
 * 101 before id 100; a tailer that simply reads {@code id > last} would then skip 100 forever. So
 * the tailer stops at a gap and waits: either the missing id shows up, or the grace period passes
 * and the id is given up as a rolled-back insert (AUTO_INCREMENT never reuses one).
 *
 * <p>Pure: time comes in as a parameter. Not thread-safe; one tailer owns one tracker.
 */
public final class IdGapTracker {

    /** Ids {@code first..last} (inclusive) given up as rolled back. */
    public record IdRange(long first, long last) {
        @Override
        public String toString() {
            return first == last ? String.valueOf(first) : first + ".." + last;
        }
    }

    /** What to do with one poll's ids. */
    public record Decision(int accepted, List<IdRange> skipped, Long waitingFor) {

        /** Nothing new, or only rows behind a gap that is still within its grace period. */
        public boolean isEmpty() {
            return accepted == 0;
        }
    }

    private final long graceNanos;
    /**
     * When each gap was first seen, keyed by its first missing id (System.nanoTime). A gap that
     * partly fills gets a new key and a new clock: waiting longer is safe, giving up early is not.
     */
    private final NavigableMap<Long, Long> gapSeenAt = new TreeMap<>();

    public IdGapTracker(Duration grace) {
        this.graceNanos = grace.toNanos();
    }

    /**
     * @param watermark the last id sent (or given up)
     * @param ids the ids read after the watermark, ascending
     * @param now the current {@code System.nanoTime()}
     * @return how many of {@code ids}, from the start, may be sent now, the ids given up to reach
     *     them, and the id still awaited (null when none is)
     */
    public Decision decide(long watermark, List<Long> ids, long now) {
        // Every gap visible in this poll starts its clock now, even those behind an earlier gap.
        long previous = watermark;
        for (long id : ids) {
            if (id <= previous) {
                throw new IllegalArgumentException("id " + id + " is not above " + previous + ": ids must ascend");
            }
            if (id > previous + 1) {
                gapSeenAt.putIfAbsent(previous + 1, now);
            }
            previous = id;
        }
        long expected = watermark + 1;
        int accepted = 0;
        List<IdRange> skipped = new ArrayList<>();
        for (long id : ids) {
            if (id > expected) {
                if (now - gapSeenAt.get(expected) < graceNanos) {
                    forgetBelow(expected);
                    return new Decision(accepted, skipped, expected);
                }
                skipped.add(new IdRange(expected, id - 1));
            }
            accepted++;
            expected = id + 1;
        }
        forgetBelow(expected);
        return new Decision(accepted, skipped, null);
    }

    private void forgetBelow(long id) {
        gapSeenAt.headMap(id, false).clear();
    }
}
