package io.weatherpipeline.consumer.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.weatherpipeline.consumer.columns.Reading;

/**
 * The reader's side of the protocol, for dashboards and tests: a partition's committed data is
 * exactly files {@code 0..batch_id} named by its checkpoint, as the original course design's reader
 * took them; a file being written, or renamed but not yet checkpointed, is never included.
 */
public final class CommittedBatches {

    private final BatchFiles files;
    private final CheckpointStore checkpoints;

    public CommittedBatches(BatchFiles files, CheckpointStore checkpoints) {
        this.files = files;
        this.checkpoints = checkpoints;
    }

    /** The checkpoint of {@code partition}, empty when nothing was committed yet. */
    public Optional<Checkpoint> checkpoint(int partition) throws IOException {
        return checkpoints.read(partition);
    }

    /** The committed files of {@code partition}, in batch order. */
    public List<BatchFileName> files(int partition) throws IOException {
        List<BatchFileName> out = new ArrayList<>();
        Optional<Checkpoint> cp = checkpoints.read(partition);
        if (cp.isPresent()) {
            for (long b = 0; b <= cp.get().batchId(); b++) {
                out.add(BatchFileName.complete(partition, b));
            }
        }
        return out;
    }

    /** The footers of the committed files, in batch order. */
    public List<BatchFooter> footers(int partition) throws IOException {
        List<BatchFooter> out = new ArrayList<>();
        for (BatchFileName f : files(partition)) {
            out.add(files.footer(f));
        }
        return out;
    }

    /** Every committed row of {@code partition}, in offset order. */
    public List<Reading> rows(int partition) throws IOException {
        List<Reading> out = new ArrayList<>();
        for (BatchFileName f : files(partition)) {
            out.addAll(files.rows(f));
        }
        return out;
    }
}
