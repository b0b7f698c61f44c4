package io.weatherpipeline.consumer.writer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.weatherpipeline.consumer.batch.BatchFileName;
import io.weatherpipeline.consumer.batch.BatchFiles;
import io.weatherpipeline.consumer.batch.BatchFooter;
import io.weatherpipeline.consumer.batch.Checkpoint;
import io.weatherpipeline.consumer.batch.CheckpointStore;
import io.weatherpipeline.consumer.batch.PartitionRecovery;
import io.weatherpipeline.consumer.columns.ReadingColumns;
import io.weatherpipeline.consumer.columns.ReportWireDecoder;
import io.weatherpipeline.consumer.columns.StationDictionary;
import io.weatherpipeline.consumer.writer.DeadLetterPublisher.Poison;
import io.weatherpipeline.consumer.writer.FaultInjector.Step;
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
 * <p>A batch is written on the partition's own flusher thread while the next one is buffered: most
 * of a write is waiting for HDFS (DataNode acknowledgements, NameNode calls). At most one batch is
 * in flight; the next {@link #flush()} waits for it, so batches are committed strictly in order, and
 * a batch that failed goes back in front of the buffer to be written again after recovery.
 *
 * <p>Not thread-safe: {@link PartitionWriters} serialises every call. Only {@link #checkpoint()} is
 * updated by the flusher thread.
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
    private final Executor flusher;
    private final Consumer<Batch> committed;

    private volatile Checkpoint checkpoint;
    private boolean recovered;
    private long next;

    private ReadingColumns rows = new ReadingColumns();
    /** An emptied buffer, kept for the next batch. */
    private ReadingColumns spare;
    private final ReportWireDecoder decoder = new ReportWireDecoder();
    private List<Poison> poison = new ArrayList<>();
    private long bufferedSince;
    /** The batch the flusher thread is writing (or has written), until {@link #awaitWritten()} collects it. */
    private Batch writing;

    /** A sealed batch: what is written, and the checkpoint it leads to. */
    record Batch(BatchFooter footer, ReadingColumns rows, List<Poison> poison, Checkpoint after, long bufferedSince,
            CompletableFuture<Void> done) {
    }

    /**
     * @param flusher runs the writes of this partition's batches (one at a time)
     * @param committed told, on the flusher thread, of every batch whose checkpoint was written
     */
    PartitionWriter(String topic, int partition, BatchFiles files, CheckpointStore checkpoints,
            DeadLetterPublisher deadLetters, FaultInjector faults, Executor flusher, Consumer<Batch> committed)
            throws IOException {
        this.topic = topic;
        this.partition = partition;
        this.files = files;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.faults = faults;
        this.flusher = flusher;
        this.committed = committed;
        this.checkpoint = checkpoints.read(partition).orElse(Checkpoint.INITIAL);
        this.next = checkpoint.offset();
    }

    int partition() {
        return partition;
    }

    /** The checkpoint last made durable (or found at assignment); the flusher thread moves it. */
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

    /** Records and poison records held for the next batch. */
    int buffered() {
        return rows.size() + poison.size();
    }

    /** Nanos since the oldest buffered record arrived (0 when empty). */
    long bufferAgeNanos(long now) {
        return buffered() == 0 ? 0 : now - bufferedSince;
    }

    /** True while a batch is being written. */
    boolean writing() {
        return writing != null && !writing.done().isDone();
    }

    /** True when a batch was written, or failed to be, and {@link #awaitWritten()} has not looked at it yet. */
    boolean written() {
        return writing != null && writing.done().isDone();
    }

    /** Reconciles the checkpoint with the files on HDFS (see {@link PartitionRecovery}). */
    PartitionRecovery.Plan recover() throws IOException {
        if (writing != null) {
            try {
                awaitWritten();
            } catch (InterruptedIOException stopping) {
                // Still in flight: HDFS must not be looked at (or cleaned) under it.
                throw stopping;
            } catch (IOException | RuntimeException failed) {
                // Its records are back in the buffer; what reached HDFS is looked at now.
            }
        }
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

    /**
     * Seals the buffer as the next batch and starts writing it on the flusher thread; buffering goes on
     * meanwhile. Waits for the batch before it first (see {@link #awaitWritten()}).
     */
    void flush() throws IOException {
        awaitWritten();
        if (!recovered) {
            throw new IllegalStateException("partition " + partition + " must be recovered before it is written");
        }
        long batchId = checkpoint.nextBatchId();
        long first = Math.min(rows.size() == 0 ? Long.MAX_VALUE : rows.offset(0),
                poison.isEmpty() ? Long.MAX_VALUE : poison.get(0).offset());
        BatchFooter footer = new BatchFooter(topic, partition, batchId, checkpoint.offset(), next, first, next - 1,
                rows.size(), poison.stream().map(Poison::offset).toList());
        Batch batch = new Batch(footer, rows, poison, checkpoint.after(next), bufferedSince, new CompletableFuture<>());
        // The sealed rows keep their station dictionary; the next buffer shares it unless it grew too big.
        if (spare == null || rows.stations().size() > MAX_STATIONS) {
            spare = new ReadingColumns(rows.stations().size() > MAX_STATIONS ? new StationDictionary() : rows.stations());
        }
        rows = spare;
        spare = null;
        poison = new ArrayList<>();
        writing = batch;
        flusher.execute(() -> {
            try {
                write(batch);
                batch.done().complete(null);
            } catch (Throwable t) {
                batch.done().completeExceptionally(t);
            }
        });
    }

    /**
     * Waits until the batch being written, if any, is committed. If writing it failed, its records go
     * back in front of the buffer, the writer must {@link #recover()} before writing again, and the
     * failure is thrown.
     */
    void awaitWritten() throws IOException {
        Batch batch = writing;
        if (batch == null) {
            return;
        }
        try {
            batch.done().get();
            writing = null;
            batch.rows().clear();
            if (batch.rows().stations() == rows.stations()) {
                spare = batch.rows();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while partition " + partition + " batch "
                    + batch.footer().batchId() + " was being written");
        } catch (ExecutionException e) {
            writing = null;
            batch.rows().appendAll(rows);
            rows = batch.rows();
            List<Poison> all = new ArrayList<>(batch.poison());
            all.addAll(poison);
            poison = all;
            bufferedSince = batch.bufferedSince();
            recovered = false;
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    /** Commits a sealed batch: runs on the flusher thread. */
    private void write(Batch batch) throws IOException {
        long batchId = batch.footer().batchId();
        deadLetters.send(batch.poison());
        BatchFileName tmp = files.writeTemporary(batch.footer(), batch.rows(),
                () -> faults.reached(Step.DURING_WRITE, partition, batchId));
        files.commit(tmp);
        faults.reached(Step.AFTER_RENAME, partition, batchId);
        checkpoints.write(partition, batch.after());
        checkpoint = batch.after();
        committed.accept(batch);
        faults.reached(Step.AFTER_CHECKPOINT, partition, batchId);
    }

    /** Forgets buffered records below {@code offset}: a recovered batch file already holds them. */
    private void dropBelow(long offset) {
        rows.dropBelow(offset);
        poison.removeIf(p -> p.offset() < offset);
    }
}
