package io.weatherpipeline.producer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.weatherpipeline.common.RetryState;
import io.weatherpipeline.common.kafka.KafkaTopics;

/**
 * Tails table {@code temperatures} into Kafka, each row exactly once: every tick drains the rows
 * above the watermark (the last id sent) in batches, one Kafka transaction each.
 *
 * <ul>
 * <li>The watermark moves only when the broker has committed a batch.</li>
 * <li>On start, and after any failure (the outcome of a failed transaction is unknown), the watermark
 * is read back from Kafka itself ({@link SentPositionReader}). Nothing is kept locally, so a kill -9
 * can neither skip nor repeat a row.</li>
 * <li>An id missing below visible ones holds the stream until it commits or its grace passes
 * ({@link IdGapTracker}).</li>
 * <li>A row that is not a valid reading goes to the dead-letter topic in the same transaction.</li>
 * </ul>
 *
 * <p>Threads, and what each runs:
 * <ul>
 * <li>a Quarkus worker ({@code executor-thread-*}): {@link #tick()}, started by {@link TailerClock};
 * the blocking Kafka calls of {@link SentPositionReader} (topic setup, reading the watermark back);</li>
 * <li>the Vert.x event loop of the MySQL pool: the SELECT's answer, encoding its rows
 * ({@link RowReader}) and the gap decision on them;</li>
 * <li>the sending thread of the channel's Kafka producer ({@code smallrye-kafka-producer-thread-*}):
 * begin, sends and commit ({@link TransactionSender}), then the watermark, and the next batch's gap
 * decision when its read is already in;</li>
 * <li>an HTTP thread: the readiness check, which reads {@link #watermark()} and {@link #waitingFor()}
 * (hence the atomic and volatile fields).</li>
 * </ul>
 * Ticks never overlap, so the gap tracker and the retry state are used by one step at a time, though
 * not always on the same thread.
 */
@ApplicationScoped
public class TemperatureTailer {

    private static final Logger LOG = Logger.getLogger(TemperatureTailer.class);

    /**
     * What one drain step leaves to do: the next batch's read, already started while this batch
     * committed, or nothing (the backlog is drained; the next tick polls again).
     */
    private record DrainStep(Uni<RowReader.Rows> nextRead) {

        static final DrainStep DONE = new DrainStep(null);

        boolean done() {
            return nextRead == null;
        }
    }

    private final RowReader reader;
    private final TransactionSender sender;
    private final SentPositionReader position;
    private final TailerConfig config;
    private final IdGapTracker gaps;
    private final RetryState retry = new RetryState(LOG, Duration.ofMillis(500), Duration.ofSeconds(30),
            "no row is skipped or sent twice");
    private final AtomicLong watermark = new AtomicLong(-1);
    /** The id a batch waits for (an insert not committed yet), or null. */
    private volatile String heldBy;
    private final Counter sent;
    private final Counter deadLettered;
    private final Counter failures;

    TemperatureTailer(RowReader reader, TransactionSender sender, SentPositionReader position, TailerConfig config,
            MeterRegistry registry) {
        this.reader = reader;
        this.sender = sender;
        this.position = position;
        this.config = config;
        this.gaps = new IdGapTracker(config.gapGrace());
        this.sent = registry.counter("producer.rows.sent");
        this.deadLettered = registry.counter("producer.rows.dead.lettered");
        this.failures = registry.counter("producer.failures");
        registry.gauge("producer.watermark", watermark);
    }

    /** One poll; never fails (a failure becomes a pause, a log line and a re-read of the watermark). */
    Uni<Void> tick() {
        if (!retry.mayTry(System.nanoTime())) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> work = watermark.get() < 0 ? recover() : drain();
        return work
                .invoke(() -> retry.succeeded(System.nanoTime(), () -> "sending from row id " + (watermark.get() + 1)))
                .onFailure().recoverWithUni(e -> {
                    failures.increment();
                    // The outcome of a failed transaction is unknown: trust only what Kafka committed.
                    watermark.set(-1);
                    failed(e);
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> recover() {
        return position.recover()
                .invoke(last -> {
                    watermark.set(last);
                    heldBy = null;
                    LOG.infof("Last row id committed to Kafka is %d: tailing from id %d", last, last + 1);
                })
                .replaceWithVoid();
    }

    /**
     * Polls again at once while polls come back full: a backlog drains at full speed, not one batch
     * per tick. While a full batch's transaction commits, the next batch is already being read.
     *
     * <p>A loop (repeat), not a recursion: chaining each next batch inside the previous one kept every
     * batch of a backlog reachable until the backlog was drained (a producer with 512 MB ran out of
     * memory on a 2,000,000-row backlog).
     */
    private Uni<Void> drain() {
        AtomicReference<Uni<RowReader.Rows>> read = new AtomicReference<>(reader.read(watermark.get()));
        return Uni.createFrom().deferred(() -> read.get().chain(this::sendAllowed))
                .invoke(step -> read.set(step.nextRead()))
                .repeat().until(DrainStep::done)
                .onItem().ignoreAsUni();
    }

    /**
     * Sends what the gap tracker allows of {@code read} in one transaction. If the transaction fails,
     * the read started meanwhile is dropped with it: the watermark goes back to Kafka's.
     */
    private Uni<DrainStep> sendAllowed(RowReader.Rows read) {
        IdGapTracker.Decision decision = gaps.decide(read.after(), read.ids(), System.nanoTime());
        heldBy = decision.waitingFor() == null || !decision.isEmpty() ? null
                : "row id " + decision.waitingFor() + " to commit in MySQL (given up after "
                        + config.gapGrace().toSeconds() + " s)";
        if (decision.isEmpty()) {
            return Uni.createFrom().item(DrainStep.DONE);
        }
        List<RowReader.OutgoingRow> batch = read.rows().subList(0, decision.accepted());
        long last = batch.get(batch.size() - 1).id();
        DrainStep next = read.full() && batch.size() == read.rows().size()
                ? new DrainStep(reader.readAhead(last))
                : DrainStep.DONE;
        return sender.send(batch)
                .invoke(() -> {
                    watermark.set(last);
                    decision.skipped().forEach(r -> LOG.warnf(
                            "Row id(s) %s never committed within %d s: taken as rolled-back inserts and skipped", r,
                            config.gapGrace().toSeconds()));
                    long bad = batch.stream().filter(row -> !row.isReading()).count();
                    sent.increment(batch.size() - bad);
                    deadLettered.increment(bad);
                })
                .replaceWith(next);
    }

    /** Records what a failure of {@link #tick()} leaves the tailer waiting for. */
    private void failed(Throwable e) {
        long now = System.nanoTime();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerUnavailableException u) {
                retry.failed(now, u.what(), u.getCause());
                return;
            }
            if (t instanceof KafkaTopics.PartitionCountMismatchException) {
                retry.failed(now, "a fix of the topic configuration", t);
                return;
            }
        }
        retry.failed(now, "a retry after an unexpected " + e.getClass().getName(), e);
    }

    /** The last row id committed to Kafka, or -1 while it is being read back. */
    public long watermark() {
        return watermark.get();
    }

    /** Polls or sends that failed (and were retried) since start. */
    public long failures() {
        return (long) failures.count();
    }

    /**
     * What the tailer is waiting for: a server after a failure, its position at start, or a missing
     * row id; null while rows flow.
     */
    public String waitingFor() {
        String server = retry.waitingFor();
        if (server != null) {
            return server;
        }
        return watermark.get() < 0 ? "start-up: the last row id sent, read back from Kafka" : heldBy;
    }
}
