package io.weatherpipeline.dashboard.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows per second of the pipeline's stages over the last minutes, from samples of counts that only grow
 * (the newest row id in MySQL, the producer's last sent id, the rows the consumers wrote), each stage in a
 * ring of fixed size. A count that goes down is a counter that restarted with its process: the rows since
 * then are its new value. A sample taken at the same time as the stage's previous one is the same answer
 * seen again and is ignored; a stage that does not answer gets no samples, so its rate is unknown (null)
 * rather than zero.
 *
 * <p>Not thread-safe: the refresher's thread adds samples and reads rates.
 */
public final class Throughput {

    /**
     * Each stage's rate at every bucket end (oldest first, null where unknown) and now, each over the
     * {@code windowMillis} before it.
     */
    public record Rates(long windowMillis, List<Long> bucketEnds, Map<String, List<Double>> perBucket,
            Map<String, Double> recent) {
    }

    private final Map<String, Ring> rings = new LinkedHashMap<>();

    /**
     * @param stages the stages, in the order rates list them
     * @param capacity samples kept per stage; the oldest go first
     */
    public Throughput(List<String> stages, int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        stages.forEach(s -> rings.put(s, new Ring(capacity)));
    }

    /** Adds {@code count} of {@code stage} as read at {@code atMillis}; null or a time not after the previous sample adds nothing. */
    public void add(String stage, long atMillis, Double count) {
        Ring ring = rings.get(stage);
        if (ring == null) {
            throw new IllegalArgumentException("unknown stage '" + stage + "', the stages are " + rings.keySet());
        }
        if (count != null) {
            ring.add(atMillis, count);
        }
    }

    /**
     * The rates at bucket ends {@code bucketMillis} apart over the last {@code spanMillis} before
     * {@code nowMillis}, each over the {@code windowMillis} before it (a moving average: the consumers
     * write in batches, so a short window would show their bursts rather than their pace).
     */
    public Rates rates(long nowMillis, long spanMillis, long bucketMillis, long windowMillis) {
        int buckets = (int) Math.max(1, spanMillis / bucketMillis);
        List<Long> ends = new ArrayList<>();
        for (int b = buckets - 1; b >= 0; b--) {
            ends.add(nowMillis - b * bucketMillis);
        }
        Map<String, List<Double>> perBucket = new LinkedHashMap<>();
        Map<String, Double> recent = new LinkedHashMap<>();
        rings.forEach((stage, ring) -> {
            List<Double> series = new ArrayList<>();
            for (long end : ends) {
                series.add(ring.rate(end - windowMillis, end));
            }
            perBucket.put(stage, series);
            recent.put(stage, ring.rate(nowMillis - windowMillis, nowMillis));
        });
        return new Rates(windowMillis, ends, perBucket, recent);
    }

    /** One stage's samples, oldest overwritten first. */
    private static final class Ring {
        final long[] at;
        final double[] count;
        int size;
        int next;

        Ring(int capacity) {
            at = new long[capacity];
            count = new double[capacity];
        }

        void add(long atMillis, double value) {
            if (size > 0 && atMillis <= at[index(size - 1)]) {
                return;
            }
            at[next] = atMillis;
            count[next] = value;
            next = (next + 1) % at.length;
            size = Math.min(size + 1, at.length);
        }

        /** Rows per second over the sample pairs that end in (from, to]; null when there are none. */
        Double rate(long from, long to) {
            double rows = 0;
            long millis = 0;
            for (int i = 1; i < size; i++) {
                long t1 = at[index(i)];
                if (t1 <= from || t1 > to) {
                    continue;
                }
                double c0 = count[index(i - 1)];
                double c1 = count[index(i)];
                rows += c1 >= c0 ? c1 - c0 : c1;
                millis += t1 - at[index(i - 1)];
            }
            return millis == 0 ? null : rows * 1000.0 / millis;
        }

        /** The array index of the i-th oldest sample. */
        int index(int i) {
            return (next - size + i + at.length) % at.length;
        }
    }
}
