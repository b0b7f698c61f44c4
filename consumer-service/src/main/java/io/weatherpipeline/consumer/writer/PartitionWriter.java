package io.weatherpipeline.consumer.writer;

import java.io.IOException;
import java.io.InterruptedIOException;
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
import io.weatherpipeline.consumer.batch.Checkpoint;
import io.weatherpipeline.consumer.batch.CheckpointStore;
import io.weatherpipeline.consumer.batch.CheckpointStore.CorruptCheckpointException;
import io.weatherpipeline.consumer.batch.PartitionRecovery;
import io.weatherpipeline.consumer.writer.FaultInjector.Step;
import io.weatherpipeline.consumer.writer.PartitionBuffer.Batch;

/**
 * One owned partition: turns its buffered records ({@link PartitionBuffer}) into batch files, exactly
 * once.
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

    private final int partition;
    private final BatchFiles files;
    private final CheckpointStore checkpoints;
    private final DeadLetterPublisher deadLetters;
    private final FaultInjector faults;
    private final Executor flusher;
    private final Consumer<Batch> committed;

    private final PartitionBuffer buffer;
    private volatile Checkpoint checkpoint;
    private boolean recovered;

    /** The batch the flusher thread is writing (or has written), until {@link #awaitWritten()} collects it. */
    private Batch writing;
    /** Completed by the flusher thread when {@link #writing} is committed, or failed. */
    private CompletableFuture<Void> writingDone;

    /**
     * @param flusher runs the writes of this partition's batches (one at a time)
     * @param committed told, on the flusher thread, of every batch whose checkpoint was written
     */
    PartitionWriter(String topic, int partition, BatchFiles files, CheckpointStore checkpoints,
            DeadLetterPublisher deadLetters, FaultInjector faults, Executor flusher, Consumer<Batch> committed)
            throws IOException {
        this.partition = partition;
        this.files = files;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.faults = faults;
        this.flusher = flusher;
        this.committed = committed;
        this.checkpoint = checkpoints.read(partition).orElse(Checkpoint.INITIAL);
        this.buffer = new PartitionBuffer(topic, partition, checkpoint.offset());
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
        return buffer.next();
    }

    /** Records and poison records held for the next batch. */
    int buffered() {
        return buffer.size();
    }

    /** Nanos since the oldest buffered record arrived (0 when empty). */
    long bufferAgeNanos(long now) {
        return buffer.ageNanos(now);
    }

    /** True while a batch is being written. */
    boolean writing() {
        return writing != null && !writingDone.isDone();
    }

    /** True when a batch was written, or failed to be, and {@link #awaitWritten()} has not looked at it yet. */
    boolean written() {
        return writing != null && writingDone.isDone();
    }

    /**
     * Reconciles the checkpoint with the files on HDFS (see {@link PartitionRecovery}).
     *
     * @throws UnavailableException when HDFS or the checkpoint directory failed (worth retrying)
     * @throws CorruptCheckpointException when the checkpoint file cannot be parsed (a person must look)
     */
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
        Optional<Checkpoint> onDisk = onDisk(() -> checkpoints.read(partition));
        List<BatchFileName> found = onHdfs(() -> files.list(partition));
        PartitionRecovery.Plan plan = PartitionRecovery.plan(partition, onDisk, found,
                b -> onHdfs(() -> files.footer(BatchFileName.complete(partition, b))));
        for (BatchFileName tmp : plan.temporaryFiles()) {
            onHdfs(() -> files.delete(tmp));
            LOG.infof("Partition %d: deleted %s, an uncommitted batch (it is written again)", partition, tmp);
        }
        if (plan.checkpointChanged()) {
            onDisk(() -> checkpoints.write(partition, plan.resume()));
            if (plan.rebuilt()) {
                LOG.warnf("Partition %d: checkpoint %s was missing; rebuilt from the footers of the batch files: %s",
                        partition, checkpoints.file(partition), plan.resume().toJson());
            } else {
                LOG.infof("Partition %d: adopted batch file(s) %s, written before a crash but not checkpointed: "
                        + "checkpoint now %s", partition, plan.adopted(), plan.resume().toJson());
            }
        }
        checkpoint = plan.resume();
        buffer.dropBelow(checkpoint.offset());
        recovered = true;
        return plan;
    }

    /** Buffers one record; false when it was skipped as already written (see {@link PartitionBuffer#take}). */
    boolean take(ConsumerRecord<byte[], byte[]> r, long now) {
        return buffer.take(r, now);
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
        Batch batch = buffer.seal(checkpoint);
        CompletableFuture<Void> done = new CompletableFuture<>();
        writing = batch;
        writingDone = done;
        flusher.execute(() -> {
            try {
                write(batch);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
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
            writingDone.get();
            writing = null;
            buffer.recycle(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while partition " + partition + " batch "
                    + batch.footer().batchId() + " was being written");
        } catch (ExecutionException e) {
            writing = null;
            buffer.putBack(batch);
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
        BatchFileName tmp = onHdfs(() -> files.writeTemporary(batch.footer(), batch.rows(),
                () -> faults.reached(Step.DURING_WRITE, partition, batchId)));
        onHdfs(() -> files.commit(tmp));
        faults.reached(Step.AFTER_RENAME, partition, batchId);
        onDisk(() -> checkpoints.write(partition, batch.after()));
        checkpoint = batch.after();
        committed.accept(batch);
        faults.reached(Step.AFTER_CHECKPOINT, partition, batchId);
    }

    @FunctionalInterface
    private interface Io<T> {
        T call() throws IOException;
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }

    /** One call to HDFS (NameNode or DataNodes, through the Parquet writer too); a failure names HDFS. */
    private <T> T onHdfs(Io<T> call) throws UnavailableException {
        try {
            return call.call();
        } catch (IOException | RuntimeException e) {
            throw new UnavailableException("HDFS at " + files.dataDir() + " to write partition " + partition, e);
        }
    }

    private void onHdfs(IoStep step) throws UnavailableException {
        onHdfs(() -> {
            step.run();
            return null;
        });
    }

    /** One call to the local checkpoint directory; a failure names it, a damaged checkpoint goes on as is. */
    private <T> T onDisk(Io<T> call) throws IOException {
        try {
            return call.call();
        } catch (CorruptCheckpointException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnavailableException("the checkpoint directory " + checkpoints.dir() + " to checkpoint partition "
                    + partition, e);
        }
    }

    private void onDisk(IoStep step) throws IOException {
        onDisk(() -> {
            step.run();
            return null;
        });
    }
}
