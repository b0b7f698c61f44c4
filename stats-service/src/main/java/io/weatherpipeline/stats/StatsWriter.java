package io.weatherpipeline.stats;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.common.RetryState;
import io.weatherpipeline.pinning.PartitionClaims;
import io.weatherpipeline.pinning.PinnedPartitions;
import io.weatherpipeline.proto.MalformedReportException;
import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;
import io.weatherpipeline.stats.model.PartitionStats;
import io.weatherpipeline.stats.model.StatsStore;

/**
 * The statistics of the partitions this instance holds, folded from their records and written to
 * {@code partition-N.json} with the next offset in the same file, so the two never disagree.
 *
 * <p>Exactly once: a partition's statistics start from its file when it is assigned, and the
 * rebalance listener seeks the partition to the file's offset. Records below the next offset are
 * skipped (already counted). A file is replaced atomically when {@link FlushPacing} says it is due
 * (and when the partition is revoked or the service stops); a crash loses only what was counted
 * after the last file, and that is read and counted again from the file's offset.
 *
 * <p>Thread model: the channel's worker thread calls {@link #apply} (one poll at a time), the
 * polling thread calls {@link #assigned}/{@link #revoked} during rebalances, the scheduler's thread
 * calls {@link #flushDue}; one lock serialises them and guards {@code held}. HTTP threads read only
 * the files and the {@code written} map.
 */
// Created at start-up, so a bad stats.* value stops the start with its key named.
@Startup
@ApplicationScoped
public class StatsWriter implements PinnedPartitions {

    /** Log line a crash test waits for before it kills the process (see {@code stats.fault-injection}). */
    public static final String PAUSED = "FAULT INJECTION: paused before the rename of";

    private static final Logger LOG = Logger.getLogger(StatsWriter.class);

    private final Set<Integer> claims;
    private final StatsStore store;
    private final String topic;
    private final FlushPacing pacing;
    private final FatalErrors fatal;
    private final Integer pauseBeforeRename;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, Held> held = new TreeMap<>();
    private final ConcurrentMap<Integer, Long> written = new ConcurrentHashMap<>();
    private final RetryState retry = new RetryState(LOG, Duration.ofMillis(250), Duration.ofSeconds(10),
            "nothing counted is lost: the statistics wait in memory, and the file keeps its own offset");
    private final AtomicInteger writes = new AtomicInteger();
    private final Counter counted;
    private final Counter duplicates;
    private final Counter poison;
    private final Counter files;

    /** A held partition: its live statistics and when its file was last replaced. */
    private static final class Held {
        final PartitionStats stats;
        long lastWrite;
        long lastWriteCost;
        boolean dirty;

        Held(PartitionStats stats, long now) {
            this.stats = stats;
            this.lastWrite = now;
        }
    }

    StatsWriter(StatsConfig config, FatalErrors fatal, MeterRegistry registry) {
        this.claims = PartitionClaims.parse("stats.partitions", config.partitions());
        this.store = new StatsStore(Path.of(config.dir()));
        this.topic = config.topic();
        this.pacing = new FlushPacing(config.flushInterval());
        this.fatal = fatal;
        this.pauseBeforeRename = config.faultInjection().pauseBeforeRename().orElse(null);
        this.counted = registry.counter("stats.readings.counted");
        this.duplicates = registry.counter("stats.readings.duplicate");
        this.poison = registry.counter("stats.records.poison");
        this.files = registry.counter("stats.files.written");
        for (int p : claims) {
            Gauge.builder("stats.partition.offset", written, w -> w.getOrDefault(p, -1L))
                    .tag("partition", String.valueOf(p))
                    .description("next offset recorded in partition-N.json (-1 before the partition is held)")
                    .register(registry);
        }
        if (pauseBeforeRename != null) {
            LOG.warnf("Fault injection is on: the service stops before the rename of file write %d and waits to be"
                    + " killed", pauseBeforeRename);
        }
        LOG.infof("Owning partition(s) %s of %s; statistics in %s; files written %s",
                PartitionClaims.format(claims), topic, store.dir(), pacing);
    }

    public StatsStore store() {
        return store;
    }

    @Override
    public Set<Integer> claims() {
        return claims;
    }

    @Override
    public long assigned(int partition) {
        lock.lock();
        try {
            PartitionStats stats = store.read(partition).orElseGet(() -> new PartitionStats(partition));
            held.put(partition, new Held(stats, System.nanoTime()));
            written.put(partition, stats.nextOffset());
            return stats.nextOffset();
        } catch (IOException e) {
            // A damaged file (or one that cannot be read): nothing safe to seek to, never a silent reset.
            fatal.stop("partition " + partition + ": " + e.getMessage());
            return -1;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void revoked(int partition) {
        lock.lock();
        try {
            Held h = held.remove(partition);
            if (h != null && h.dirty) {
                try {
                    write(h);
                } catch (IOException e) {
                    // The file keeps its older statistics with their own offset: read again from there.
                    LOG.warnf("Partition %d revoked before its statistics could be written (%s): they are counted"
                            + " again from the file's offset %d", partition, e.getMessage(), written.get(partition));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Set<Integer> held() {
        lock.lock();
        try {
            return new TreeSet<>(held.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** The next offset in each held partition's file. */
    public Map<Integer, Long> writtenOffsets() {
        Map<Integer, Long> out = new TreeMap<>(written);
        out.keySet().retainAll(held());
        return out;
    }

    /** What writing waits for (a file that cannot be replaced), or null. */
    public String waitingFor() {
        return retry.waitingFor();
    }

    /** Counts one poll's records, then writes the files that are due. */
    public void apply(ConsumerRecords<byte[], byte[]> records) {
        lock.lock();
        try {
            for (TopicPartition tp : records.partitions()) {
                Held h = held.get(tp.partition());
                if (h == null) {
                    // Revoked while this poll waited: its next owner reads them again from the file's offset.
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                    count(h.stats, r);
                    h.dirty = true;
                }
            }
            writeDue(System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /** Writes the files of quiet partitions whose interval has passed (the scheduler calls it). */
    public void flushDue() {
        lock.lock();
        try {
            writeDue(System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /** Writes every file with uncounted changes (at shutdown). */
    public void flushAll() {
        lock.lock();
        try {
            for (Held h : held.values()) {
                if (h.dirty) {
                    write(h);
                }
            }
        } catch (IOException e) {
            LOG.warnf("Statistics not written at shutdown (%s): they are counted again at the next start", e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private void count(PartitionStats stats, ConsumerRecord<byte[], byte[]> r) {
        if (r.offset() < stats.nextOffset()) {
            return; // read again after a seek: already counted
        }
        try {
            Report report = ReportCodec.decode(r.value(), r.topic(), r.partition(), r.offset());
            if (stats.apply(report.getStationId(), report.getDate(), report.getDegrees())) {
                counted.increment();
            } else {
                duplicates.increment();
            }
        } catch (MalformedReportException | IllegalArgumentException e) {
            poison.increment();
            LOG.warnf("Skipped partition %d offset %d of %s: not a valid Report (%s)", r.partition(), r.offset(),
                    r.topic(), e.getMessage());
        }
        stats.advanceTo(r.offset() + 1);
    }

    private void writeDue(long now) {
        if (!retry.mayTry(now)) {
            return;
        }
        for (Held h : held.values()) {
            if (h.dirty && pacing.due(now - h.lastWrite, h.lastWriteCost)) {
                try {
                    write(h);
                } catch (IOException e) {
                    retry.failed(now, "the directory " + store.dir() + " to write " + store.file(h.stats.partition()), e);
                    return;
                }
            }
        }
    }

    private void write(Held h) throws IOException {
        int partition = h.stats.partition();
        long started = System.nanoTime();
        store.write(h.stats, () -> maybePause(partition, h.stats.nextOffset()));
        h.lastWrite = System.nanoTime();
        h.lastWriteCost = h.lastWrite - started;
        h.dirty = false;
        written.put(partition, h.stats.nextOffset());
        files.increment();
        retry.succeeded(h.lastWrite, () -> "statistics files are written again");
    }

    private void maybePause(int partition, long offset) {
        if (pauseBeforeRename == null || writes.incrementAndGet() != pauseBeforeRename) {
            return;
        }
        LOG.errorf("%s %s (offset %d written to the temporary file); waiting to be killed", PAUSED,
                store.file(partition), offset);
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting: only a kill ends this
            }
        }
    }
}
