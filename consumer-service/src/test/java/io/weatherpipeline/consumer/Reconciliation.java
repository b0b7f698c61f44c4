package io.weatherpipeline.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.weatherpipeline.consumer.batch.BatchFooter;
import io.weatherpipeline.consumer.batch.Checkpoint;
import io.weatherpipeline.consumer.batch.CommittedBatches;
import io.weatherpipeline.consumer.columns.Reading;

/** Compares what was sent to a partition with what its committed batch files hold: same rows, same order, once. */
final class Reconciliation {

    private Reconciliation() {
    }

    /** The offset after the last record sent to {@code partition}. */
    static long endOf(Collection<ReportProducer.Sent> sent, int partition) {
        return sent.stream().filter(s -> s.partition() == partition).mapToLong(ReportProducer.Sent::offset).max()
                .orElse(-1) + 1;
    }

    /** Whether the checkpoint of {@code partition} has reached {@code offset}. */
    static boolean reached(CommittedBatches committed, int partition, long offset) {
        try {
            Optional<Checkpoint> cp = committed.checkpoint(partition);
            return cp.isPresent() && cp.get().offset() >= offset;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether every partition's checkpoint has reached the end of what was sent to it. {@code sent}
     * may still be growing (a synchronized list fed by another thread).
     */
    static boolean drained(CommittedBatches committed, List<ReportProducer.Sent> sent, int partitions) {
        List<ReportProducer.Sent> copy;
        synchronized (sent) {
            copy = new ArrayList<>(sent);
        }
        for (int p = 0; p < partitions; p++) {
            if (!reached(committed, p, endOf(copy, p))) {
                return false;
            }
        }
        return true;
    }

    static void assertExactlyOnce(Collection<ReportProducer.Sent> sent, CommittedBatches committed, int partition,
            String context) throws IOException {
        List<Reading> expected = sent.stream().filter(s -> s.partition() == partition)
                .sorted(Comparator.comparingLong(ReportProducer.Sent::offset)).map(ReportProducer.Sent::reading).toList();
        List<Reading> actual = committed.rows(partition);
        assertTrue(expected.size() > 0, context + ": nothing was sent to partition " + partition);
        if (!expected.equals(actual)) {
            List<Reading> missing = new ArrayList<>(expected);
            missing.removeAll(actual);
            List<Reading> extra = new ArrayList<>(actual);
            for (Reading r : expected) {
                extra.remove(r);
            }
            assertEquals(expected.size(), actual.size(), context + ": partition " + partition + " holds " + actual.size()
                    + " rows for " + expected.size() + " sent; missing " + head(missing) + ", extra (duplicates) "
                    + head(extra));
            assertEquals(expected, actual, context + ": partition " + partition + " rows differ or are out of order");
        }
        // The footers chain without gap or overlap, and account for every row.
        long next = 0;
        long rows = 0;
        for (BatchFooter f : committed.footers(partition)) {
            assertEquals(next, f.startOffset(), context + ": batch " + f.batchId() + " does not start where the one before ended");
            next = f.nextOffset();
            rows += f.rows();
        }
        assertEquals(actual.size(), rows, context + ": footers' row counts");
        assertEquals(committed.checkpoint(partition).orElseThrow().offset(), next,
                context + ": checkpoint offset is the last footer's next offset");
    }

    private static String head(List<Reading> rs) {
        return rs.size() <= 5 ? rs.toString() : rs.subList(0, 5) + " and " + (rs.size() - 5) + " more";
    }
}
