package io.weatherpipeline.consumer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.weatherpipeline.consumer.DeadLetterPublisher.Poison;
import io.weatherpipeline.consumer.FaultInjector.Step;
import io.weatherpipeline.proto.MalformedReportException;
import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;

/**
 * One owned partition: buffers its records and turns them into batch files, exactly once.
 *
 * <p>A batch is committed in three steps: poison records acknowledged by the dead-letter topic,
 * {@code .tmp} written and renamed to {@code partition-N-batch-M.parquet}, then the checkpoint
 * replaced. A crash between any two is repaired by {@link #recover()} ({@link PartitionRecovery}).
 * Records below the next expected offset (read again after a seek or a rebalance) are skipped, so a
 * record can never land in two files.
 *
 * <p>Not thread-safe: {@link PartitionWriters} serialises every call.
 */
final class PartitionWriter {

    private static final Logger LOG = Logger.getLogger(PartitionWriter.class);
    /** More distinct stations than this, and the station dictionary starts afresh after a batch. */
    private static final int MAX_STATIONS = 10_000;

    private final String topic;
    private final int partition;
    private final BatchFiles files;
    private final CheckpointStore checkpoints;
    private final DeadLetterPublisher deadLetters;
    private final FaultInjector faults;

    private Checkpoint checkpoint;
    private boolean recovered;
    private long next;

    private final ReadingColumns rows = new ReadingColumns();
    private final ReportWireDecoder decoder = new ReportWireDecoder();
    private final List<Poison> poison = new ArrayList<>();
    private long bufferedSince;

    PartitionWriter(String topic, int partition, BatchFiles files, CheckpointStore checkpoints,
            DeadLetterPublisher deadLetters, FaultInjector faults) throws IOException {
        this.topic = topic;
        this.partition = partition;
        this.files = files;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.faults = faults;
        this.checkpoint = checkpoints.read(partition).orElse(Checkpoint.INITIAL);
        this.next = checkpoint.offset();
    }

    int partition() {
        return partition;
    }

    /** The checkpoint last made durable (or found at assignment). */
    Checkpoint checkpoint() {
        return checkpoint;
    }

    boolean recovered() {
        return recovered;
    }

    /** After a failed step the files may be in any state: look at them again before the next write. */
    void markUnrecovered() {
        recovered = false;
    }

    /** The next offset this writer takes: where reading must continue for the stream to have no gap. */
    long next() {
        return next;
    }

    /** Rows held for the next batch. */
    int bufferedRows() {
        return rows.size();
    }

    /** Records and poison records held for the next batch. */
    int buffered() {
        return rows.size() + poison.size();
    }

    /** Nanos since the oldest buffered record arrived (0 when empty). */
    long bufferAgeNanos(long now) {
        return buffered() == 0 ? 0 : now - bufferedSince;
    }

    /** Reconciles the checkpoint with the files on HDFS (see {@link PartitionRecovery}). */
    PartitionRecovery.Plan recover() throws IOException {
        Optional<Checkpoint> onDisk = checkpoints.read(partition);
        PartitionRecovery.Plan plan = PartitionRecovery.plan(partition, onDisk, files.list(partition),
                b -> files.footer(BatchFileName.complete(partition, b)));
        for (BatchFileName tmp : plan.temporaryFiles()) {
            files.delete(tmp);
            LOG.infof("Partition %d: deleted %s, an uncommitted batch (it is written again)", partition, tmp);
        }
        if (plan.checkpointChanged()) {
            checkpoints.write(partition, plan.resume());
            if (plan.rebuilt()) {
                LOG.warnf("Partition %d: checkpoint %s was missing; rebuilt from the footers of the batch files: %s",
                        partition, checkpoints.file(partition), plan.resume().toJson());
            } else {
                LOG.infof("Partition %d: adopted batch file(s) %s, written before a crash but not checkpointed: "
                        + "checkpoint now %s", partition, plan.adopted(), plan.resume().toJson());
            }
        }
        checkpoint = plan.resume();
        dropBelow(checkpoint.offset());
        next = Math.max(next, checkpoint.offset());
        recovered = true;
        return plan;
    }

    /**
     * Buffers one record; false when it was skipped as already written (or already buffered).
     *
     * <p>The records of one partition come in offset order, and the stream only ever steps back: the
     * consumer is only seeked to {@link #next()} or to the checkpoint, and every fetched record reaches
     * the writer (none is dropped on the way). So skipping those below {@code next} can never open a
     * gap; offsets above it that never come were transaction markers or aborted records.
     */
    boolean take(ConsumerRecord<byte[], byte[]> r, long now) {
        if (r.offset() < next) {
            return false;
        }
        if (buffered() == 0) {
            bufferedSince = now;
        }
        next = r.offset() + 1;
        if (decoder.append(r.value(), r.offset(), rows)) {
            return true;
        }
        try {
            Report report = ReportCodec.decode(r.value(), r.topic(), r.partition(), r.offset());
            rows.add(rows.stations().intern(report.getStationId()), (int) ReportCodec.epochDay(report.getDate()),
                    report.getDegrees(), r.offset());
        } catch (MalformedReportException e) {
            poison.add(new Poison(r.topic(), r.partition(), r.offset(), r.key(), r.value(), e.reason()));
        }
        return true;
    }

    /** Writes the buffer as the next batch and moves the checkpoint; returns the new checkpoint. */
    Checkpoint flush() throws IOException {
        if (!recovered) {
            throw new IllegalStateException("partition " + partition + " must be recovered before it is written");
        }
        long batchId = checkpoint.nextBatchId();
        long first = Math.min(rows.size() == 0 ? Long.MAX_VALUE : rows.offset(0),
                poison.isEmpty() ? Long.MAX_VALUE : poison.get(0).offset());
        BatchFooter footer = new BatchFooter(topic, partition, batchId, checkpoint.offset(), next, first, next - 1,
                rows.size(), poison.stream().map(Poison::offset).toList());
        deadLetters.send(poison);
        BatchFileName tmp = files.writeTemporary(footer, rows, () -> faults.reached(Step.DURING_WRITE, partition, batchId));
        files.commit(tmp);
        faults.reached(Step.AFTER_RENAME, partition, batchId);
        Checkpoint after = checkpoint.after(next);
        checkpoints.write(partition, after);
        checkpoint = after;
        rows.clear(MAX_STATIONS);
        poison.clear();
        faults.reached(Step.AFTER_CHECKPOINT, partition, batchId);
        return after;
    }

    /** Forgets buffered records below {@code offset}: a recovered batch file already holds them. */
    private void dropBelow(long offset) {
        rows.dropBelow(offset);
        poison.removeIf(p -> p.offset() < offset);
    }
}
