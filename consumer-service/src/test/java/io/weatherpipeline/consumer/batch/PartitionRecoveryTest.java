package io.weatherpipeline.consumer.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.consumer.batch.PartitionRecovery.InconsistentPartitionException;
import io.weatherpipeline.consumer.batch.PartitionRecovery.Plan;

/** Every decision recovery makes, on files described by their names and footers. */
class PartitionRecoveryTest {

    private static final int P = 2;

    /** Batches b covering [start, next) each, as a writer would have left them. */
    private final Map<Long, BatchFooter> footers = new HashMap<>();
    private final List<BatchFileName> files = new ArrayList<>();

    private void batch(long id, long start, long next) {
        footers.put(id, new BatchFooter("temperatures", P, id, start, next, start, next - 1, next - start, List.of()));
        files.add(BatchFileName.complete(P, id));
    }

    private Plan plan(Checkpoint cp) throws IOException {
        return PartitionRecovery.plan(P, Optional.ofNullable(cp), files, b -> {
            BatchFooter f = footers.get(b);
            if (f == null) {
                throw new IOException("no footer for " + b);
            }
            return f;
        });
    }

    @Test
    void nothingAnywhereStartsAtBatchZeroOffsetZero() throws IOException {
        Plan p = plan(null);
        assertEquals(Checkpoint.INITIAL, p.resume());
        assertFalse(p.checkpointChanged());
    }

    @Test
    void aConsistentCheckpointIsKept() throws IOException {
        batch(0, 0, 100);
        batch(1, 100, 230);
        Plan p = plan(new Checkpoint(1, 230));
        assertEquals(new Checkpoint(1, 230), p.resume());
        assertFalse(p.checkpointChanged());
        assertEquals(List.of(), p.adopted());
    }

    @Test
    void aFileRenamedButNotCheckpointedIsAdoptedNotRewritten() throws IOException {
        batch(0, 0, 100);
        batch(1, 100, 230);
        Plan p = plan(new Checkpoint(0, 100));
        assertEquals(new Checkpoint(1, 230), p.resume());
        assertTrue(p.checkpointChanged());
        assertEquals(List.of(1L), p.adopted());
    }

    @Test
    void aFirstBatchRenamedBeforeAnyCheckpointIsAdopted() throws IOException {
        batch(0, 0, 100);
        Plan p = PartitionRecovery.plan(P, Optional.of(Checkpoint.INITIAL), files, footers::get);
        assertEquals(new Checkpoint(0, 100), p.resume());
        assertEquals(List.of(0L), p.adopted());
    }

    @Test
    void temporaryFilesAreDeletedAndTheirBatchWrittenAgain() throws IOException {
        batch(0, 0, 100);
        files.add(BatchFileName.temporary(P, 1));
        Plan p = plan(new Checkpoint(0, 100));
        assertEquals(new Checkpoint(0, 100), p.resume());
        assertEquals(List.of(BatchFileName.temporary(P, 1)), p.temporaryFiles());
        assertFalse(p.checkpointChanged());
    }

    @Test
    void aLostCheckpointIsRebuiltFromAnUnbrokenChainOfFooters() throws IOException {
        batch(0, 0, 100);
        batch(1, 100, 230);
        batch(2, 230, 231);
        Plan p = plan(null);
        assertEquals(new Checkpoint(2, 231), p.resume());
        assertTrue(p.rebuilt());
        assertTrue(p.checkpointChanged());
    }

    @Test
    void aLostCheckpointWithABrokenChainStopsAndNamesTheFile() {
        batch(0, 0, 100);
        batch(1, 120, 230);
        InconsistentPartitionException e = assertThrows(InconsistentPartitionException.class, () -> plan(null));
        assertTrue(e.getMessage().contains("partition-2-batch-1.parquet"), e.getMessage());
        assertTrue(e.getMessage().contains("gap"), e.getMessage());
    }

    @Test
    void aFileOverlappingTheCheckpointStops() {
        batch(0, 0, 100);
        batch(1, 90, 230);
        InconsistentPartitionException e = assertThrows(InconsistentPartitionException.class,
                () -> plan(new Checkpoint(0, 100)));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
        assertTrue(e.getMessage().contains("partition-2-batch-1.parquet"), e.getMessage());
    }

    @Test
    void aMissingFileBelowTheCheckpointStops() {
        batch(0, 0, 100);
        batch(2, 230, 300);
        InconsistentPartitionException e = assertThrows(InconsistentPartitionException.class,
                () -> plan(new Checkpoint(2, 300)));
        assertTrue(e.getMessage().contains("partition-2-batch-1.parquet"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aGapInBatchIdsAfterTheCheckpointStops() {
        batch(0, 0, 100);
        batch(3, 400, 500);
        InconsistentPartitionException e = assertThrows(InconsistentPartitionException.class,
                () -> plan(new Checkpoint(0, 100)));
        assertTrue(e.getMessage().contains("partition-2-batch-3.parquet"), e.getMessage());
    }

    @Test
    void aFooterOfAnotherPartitionStops() {
        batch(0, 0, 100);
        footers.put(1L, new BatchFooter("temperatures", 3, 1, 100, 200, 100, 199, 100, List.of()));
        files.add(BatchFileName.complete(P, 1));
        InconsistentPartitionException e = assertThrows(InconsistentPartitionException.class,
                () -> plan(new Checkpoint(0, 100)));
        assertTrue(e.getMessage().contains("partition 3"), e.getMessage());
    }

    @Test
    void severalUncheckpointedFilesInAChainAreAllAdopted() throws IOException {
        batch(0, 0, 100);
        batch(1, 100, 200);
        batch(2, 200, 300);
        Plan p = plan(new Checkpoint(0, 100));
        assertEquals(new Checkpoint(2, 300), p.resume());
        assertEquals(List.of(1L, 2L), p.adopted());
    }
}
