package io.weatherpipeline.consumer.writer;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.common.RetryState;
import io.weatherpipeline.common.Threads;
import io.weatherpipeline.consumer.batch.BatchFiles;
import io.weatherpipeline.consumer.batch.BatchFooter;
import io.weatherpipeline.consumer.batch.Checkpoint;
import io.weatherpipeline.consumer.batch.CheckpointStore.CorruptCheckpointException;
import io.weatherpipeline.consumer.batch.CheckpointStore;
import io.weatherpipeline.consumer.batch.PartitionRecovery.InconsistentPartitionException;
import io.weatherpipeline.pinning.PartitionClaims;
import io.weatherpipeline.pinning.PinnedPartitions;

/**
 * The writers of the partitions this instance holds, and the one lock that serialises everything
 * touching them: the {@code partition-writer} thread (polls handed over by {@link PendingPolls}), the
 * flush timer and the rebalance listener (polling thread); the package documentation has the whole
 * thread model. Failures of HDFS, of Kafka (dead letters) or of the checkpoint directory are retried
 * with a growing pause, with the lock released between tries so a rebalance never waits for an outage.
 */
public class PartitionWriters implements PinnedPartitions {

    private static final Logger LOG = Logger.getLogger(PartitionWriters.class);

    private final String topic;
    private final Set<Integer> claims;
    private final FlushPolicy policy;
    private final BatchFiles files;
    private final CheckpointStore checkpoints;
    private final DeadLetterPublisher deadLetters;
    private final FaultInjector faults;
    private final FatalErrors fatal;
    private final BiConsumer<Integer, Checkpoint> checkpointed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, PartitionWriter> writers = new TreeMap<>();
    private final Set<Integer> attached = new TreeSet<>();
    private final RetryState retry = new RetryState(LOG, Duration.ofMillis(250), Duration.ofSeconds(10),
            "nothing is lost or written twice");
    private final Counter rowsWritten;
    private final Counter filesWritten;
    private final Counter poisonRecords;
    private final Counter skipped;
    private volatile boolean stopping;

    /**
     * @param topic the topic whose partitions are written
     * @param claims the partitions this instance claims
     * @param checkpointed told, on a flusher thread, of every checkpoint written (partition, checkpoint)
     */
    public PartitionWriters(String topic, Set<Integer> claims, FlushPolicy policy, BatchFiles files,
            CheckpointStore checkpoints, DeadLetterPublisher deadLetters, FaultInjector faults, FatalErrors fatal,
            BiConsumer<Integer, Checkpoint> checkpointed, MeterRegistry registry) {
        this.topic = topic;
        this.claims = claims;
        this.policy = policy;
        this.files = files;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.faults = faults;
        this.fatal = fatal;
        this.checkpointed = checkpointed;
        this.rowsWritten = registry.counter("consumer.rows.written");
        this.filesWritten = registry.counter("consumer.files.written");
        this.poisonRecords = registry.counter("consumer.records.dead.lettered");
        this.skipped = registry.counter("consumer.records.skipped.as.written");
        LOG.infof("Owning partition(s) %s of %s; writing to %s; checkpoints in %s; flush: %s",
                PartitionClaims.format(claims), topic, files.dataDir(), checkpoints.dir(), policy);
    }

    @Override
    public Set<Integer> claims() {
        return claims;
    }

    public BatchFiles files() {
        return files;
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /**
     * A partition was assigned. The first time, its writer starts from the local checkpoint; when it
     * comes back after a revocation (a lost session, say), the writer it had goes on from the offset
     * after its last buffered record, so records already on their way are neither lost nor doubled.
     *
     * @return the offset to seek to, or -1 when the partition cannot be written (see {@link FatalErrors})
     */
    @Override
    public long assigned(int partition) {
        lock.lock();
        try {
            PartitionWriter w = writers.get(partition);
            if (w == null) {
                w = new PartitionWriter(topic, partition, files, checkpoints, deadLetters, faults,
                        Executors.newSingleThreadExecutor(Threads.daemon("hdfs-writer-" + partition)), this::committed);
                writers.put(partition, w);
            }
            attached.add(partition);
            return w.next();
        } catch (IOException e) {
            // A damaged checkpoint file: nothing safe to seek to.
            fatal.stop("partition " + partition + ": " + e.getMessage());
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A partition was revoked or lost. A batch being written is finished first (so no file of this
     * partition is written once the rebalance goes on); the writer is kept, buffer and all, until the
     * partition comes back, and is not flushed meanwhile.
     */
    @Override
    public void revoked(int partition) {
        lock.lock();
        try {
            PartitionWriter w = writers.get(partition);
            if (w != null) {
                try {
                    w.awaitWritten();
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("Partition %d revoked while its batch failed to write (%s): written again once it is back",
                            partition, e.getMessage());
                }
            }
            attached.remove(partition);
        } finally {
            lock.unlock();
        }
    }

    /** Partitions held now. */
    @Override
    public Set<Integer> held() {
        lock.lock();
        try {
            return new TreeSet<>(attached);
        } finally {
            lock.unlock();
        }
    }

    /** The checkpoint of every held partition. */
    public Map<Integer, Checkpoint> positions() {
        lock.lock();
        try {
            Map<Integer, Checkpoint> out = new TreeMap<>();
            attached.forEach(p -> out.put(p, writers.get(p).checkpoint()));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** What writing waits for (HDFS, Kafka for dead letters, the checkpoint directory) and why, or null. */
    public String waitingFor() {
        return retry.waitingFor();
    }

    /**
     * Takes one partition's records of a poll; returns once they are buffered or written, retrying
     * failures. Polls must come in the order they were fetched (one thread: {@link PendingPolls}).
     */
    void write(int partition, Iterable<ConsumerRecord<byte[], byte[]>> records) {
        Iterator<ConsumerRecord<byte[], byte[]>> it = records.iterator();
        untilDone(partition, w -> {
            while (true) {
                if (policy.isFull(w.buffered()) && attached.contains(partition)) {
                    w.flush();
                } else if (it.hasNext()) {
                    // Revoked with records on their way, the buffer may grow past its limit: they are all
                    // taken, because dropping some would open a hole that polls still queued behind them
                    // could jump. The partition is written again once it is back.
                    if (!w.take(it.next(), System.nanoTime())) {
                        skipped.increment();
                    }
                } else {
                    break;
                }
            }
            if (policy.flushAtEndOfPoll(w.buffered()) && attached.contains(partition)) {
                w.flush();
            }
        });
    }

    /**
     * Called by the timer: collects batches written in the background (so a failed one is retried even
     * when no record comes) and writes every buffer that has waited {@code consumer.flush.max-age}; one
     * try each.
     */
    public void flushDue() {
        for (int partition : held()) {
            lock.lock();
            try {
                PartitionWriter w = writers.get(partition);
                long now = System.nanoTime();
                if (w == null || fatal.message() != null || !retry.mayTry(now) || w.writing()
                        || !(w.written() || isDue(w, now))) {
                    continue;
                }
                attempt(w, x -> {
                    x.awaitWritten();
                    if (isDue(x, now)) {
                        x.flush();
                    }
                });
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean isDue(PartitionWriter w, long now) {
        return policy.isDue(w.buffered(), Duration.ofNanos(w.bufferAgeNanos(now)));
    }

    public void stop() {
        stopping = true;
    }

    /** A batch is committed (on its partition's flusher thread). */
    private void committed(PartitionBuffer.Batch batch) {
        filesWritten.increment();
        rowsWritten.increment(batch.rows().size());
        poisonRecords.increment(batch.poison().size());
        BatchFooter f = batch.footer();
        checkpointed.accept(f.partition(), batch.after());
        LOG.debugf("Partition %d: batch %d written, offsets %d..%d; checkpoint %s", f.partition(), f.batchId(),
                f.startOffset(), batch.after().offset() - 1, batch.after().toJson());
    }

    @FunctionalInterface
    private interface Step {
        void run(PartitionWriter w) throws IOException;
    }

    private void untilDone(int partition, Step step) {
        while (!stopping) {
            Duration pause;
            lock.lock();
            try {
                PartitionWriter w = writers.get(partition);
                if (w == null || fatal.message() != null) {
                    // Never assigned, or stopped for good: nothing is written any more, so nothing is skipped.
                    return;
                }
                pause = attempt(w, step);
                if (pause == null) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                // Shutting down: what was taken stays buffered, what was not is read again.
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * One try of {@code step} on a recovered writer.
     *
     * @return null when it is done (or can never be: stopped for good), else the pause before the next try
     */
    private Duration attempt(PartitionWriter w, Step step) {
        try {
            if (!w.recovered()) {
                w.recover();
            }
            step.run(w);
            retry.succeeded(System.nanoTime(), () -> "Writing again");
            return null;
        } catch (InconsistentPartitionException | CorruptCheckpointException e) {
            fatal.stop(e.getMessage());
            return null;
        } catch (UnavailableException e) {
            w.markUnrecovered();
            return retry.failed(System.nanoTime(), e.what(), e.getCause());
        } catch (IOException | RuntimeException e) {
            // Not a server or the disk: a failure nobody foresaw, retried all the same (the files are looked
            // at again first), and named for what it is.
            w.markUnrecovered();
            return retry.failed(System.nanoTime(), "partition " + w.partition() + " to be written after an unexpected "
                    + e.getClass().getName(), e);
        }
    }
}
