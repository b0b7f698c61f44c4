package io.weatherpipeline.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ThroughputTest {

    private static final String A = "a";
    private static final String B = "b";

    @Test
    void rateIsRowsOverTimeWithinTheWindow() {
        Throughput t = new Throughput(List.of(A), 100);
        for (int s = 0; s <= 10; s++) {
            t.add(A, s * 1000L, 100.0 * s);
        }
        Throughput.Rates r = t.rates(10_000, 10_000, 5_000, 4_000);
        assertEquals(100.0, r.recent().get(A), 1e-9);
        assertEquals(List.of(5_000L, 10_000L), r.bucketEnds());
        assertEquals(List.of(100.0, 100.0), r.perBucket().get(A));
    }

    @Test
    void aCounterThatRestartsCountsFromZero() {
        Throughput t = new Throughput(List.of(A), 10);
        t.add(A, 0, 1000.0);
        t.add(A, 1000, 1100.0);
        t.add(A, 2000, 50.0);   // the process restarted: 50 rows since
        assertEquals(75.0, t.rates(2000, 2000, 2000, 2000).recent().get(A), 1e-9);
    }

    @Test
    void theSameAnswerSeenTwiceOrAnUnknownCountAddsNothing() {
        Throughput t = new Throughput(List.of(A, B), 10);
        t.add(A, 1000, 10.0);
        t.add(A, 1000, 10.0);
        t.add(A, 500, 99.0);
        t.add(A, 2000, 20.0);
        t.add(B, 1000, null);
        t.add(B, 2000, 5.0);
        Throughput.Rates r = t.rates(2000, 2000, 1000, 5000);
        assertEquals(10.0, r.recent().get(A), 1e-9);
        assertNull(r.recent().get(B), "one sample is no rate");
    }

    @Test
    void theRingKeepsOnlyTheNewestSamples() {
        Throughput t = new Throughput(List.of(A), 3);
        t.add(A, 0, 0.0);
        t.add(A, 1000, 1000.0);     // 1000 rows/s, soon forgotten
        t.add(A, 2000, 1010.0);
        t.add(A, 3000, 1020.0);
        assertEquals(10.0, t.rates(3000, 3000, 3000, 10_000).recent().get(A), 1e-9);
    }

    @Test
    void aStageWithoutSamplesInABucketIsUnknownThere() {
        Throughput t = new Throughput(List.of(A), 10);
        t.add(A, 9000, 0.0);
        t.add(A, 10_000, 30.0);
        assertEquals(java.util.Arrays.asList(null, 30.0), t.rates(10_000, 10_000, 5000, 2000).perBucket().get(A));
    }

    @Test
    void unknownStagesAndTinyRingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Throughput(List.of(A), 1));
        assertThrows(IllegalArgumentException.class, () -> new Throughput(List.of(A), 5).add(B, 1, 1.0));
    }
}
