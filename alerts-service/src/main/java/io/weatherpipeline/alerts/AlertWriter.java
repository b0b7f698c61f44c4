package io.weatherpipeline.alerts;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.InterruptException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.weatherpipeline.alerts.model.AlertRule;
import io.weatherpipeline.alerts.model.CommitPlan;
import io.weatherpipeline.alerts.model.DecodedPoll;
import io.weatherpipeline.alerts.model.PartitionLedger;
import io.weatherpipeline.alerts.model.Poison;
import io.weatherpipeline.alerts.model.PollDecoder;
import io.weatherpipeline.alerts.sql.SqlErrors;
import io.weatherpipeline.common.RetryState;

/**
 * Stores each poll's alerts and each partition's next offset in one MySQL transaction, exactly once.
 *
 * <p>A poll is decoded, then planned against the {@link PartitionLedger} (records of held partitions
 * from their stored offset on, fetched after their seek), then stored by {@link AlertStore#commit}:
 * compare-and-set of the offsets, multi-row INSERTs, the ownership check, COMMIT. Polls are stored one
 * after the other; the next poll is decoded while one is stored (planning waits for its turn, so it
 * sees the ledger as the transaction before left it). A poll's {@code Uni} completes once the poll
 * before it is stored, so while MySQL is down the channel stops delivering, its queue fills, and it
 * stops fetching.
 *
 * <p>Outcomes: committed → the ledger moves on; a partition revoked mid-poll → rolled back and planned
 * again without it; an offset moved by someone else → rolled back, the stored offsets read, the
 * partition given up and a rebalance asked for (its next owner, perhaps this instance again, seeks to
 * the stored offset); a lock conflict (1213, 1205) → tried again at once; anything else (MySQL down)
 * → tried again after a growing pause, readiness saying what it waits for.
 *
 * <p>Thread model: {@link #write} runs on the channel's Vert.x event loop (decoding is short CPU
 * work), one call at a time; planning and storing run in a chain of polls, each continuing on the
 * thread that completed the one before (an event loop), one transaction at a time.
 * {@link #assigned} and {@link #revoked} run on the Kafka polling thread (the rebalance listener)
 * and block there: the first for the stored offsets, the second until the transaction in flight
 * has ended. They never run on an event loop, so blocking on the reactive client cannot starve it.
 * The scheduler's thread calls {@link #refreshLag}. The ledger has its own lock; the counters and
 * maps here are thread-safe; {@code commitRetry} is used by one poll at a time, {@code offsetsRetry}
 * by the polling thread only.
 */
// Created at start-up, so a bad alerts.* value or database URL stops the start with its key named.
@Startup
@ApplicationScoped
public class AlertWriter {

    /** Log line a crash test waits for before it kills the process (see {@code alerts.fault-injection}). */
    public static final String PAUSED = "FAULT INJECTION: paused between the INSERT and the COMMIT of";

    /** Log line of a poll rolled back because a partition was revoked while it was stored. */
    public static final String REVOKED_MID_POLL = "Rolled back a poll whose partition(s) were revoked while it was stored";

    private static final Logger LOG = Logger.getLogger(AlertWriter.class);
    private static final Duration LOCK_CONFLICT_PAUSE = Duration.ofMillis(50);

    /** The ownership check failed: the transaction must not commit. */
    static final class RevokedMidPoll extends RuntimeException {
        RevokedMidPoll(String message) {
            super(message, null, false, false);
        }
    }

    private final AlertStore store;
    private final PartitionLedger ledger;
    private final PollDecoder decoder;
    private final AlertRule rule;
    private final KafkaClientService kafka;
    private final MeterRegistry registry;
    private final String databaseUrl;
    private final Duration revokeTimeout;
    private final Duration transactionTimeout;
    private volatile boolean pausedForever;
    private final Integer pauseBeforeCommit;
    private final Duration commitDelay;
    private final AtomicInteger alertTransactions = new AtomicInteger();
    private final RetryState commitRetry = new RetryState(LOG, Duration.ofMillis(250), Duration.ofSeconds(10),
            "nothing is lost: the poll waits, and the channel stops fetching meanwhile");
    private final RetryState offsetsRetry = new RetryState(LOG, Duration.ofMillis(250), Duration.ofSeconds(10),
            "nothing is read from these partitions until their stored offsets are known");
    private final ConcurrentMap<Integer, Long> logEnd = new ConcurrentHashMap<>();
    /** Completes when the last poll handed to {@link #write} is stored; the channel calls write one poll at a time. */
    private volatile CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean stopping;
    private final Set<Integer> gauged = ConcurrentHashMap.newKeySet();
    private final Counter stored;
    private final Counter duplicates;
    private final Counter poison;
    private final Counter records;
    private final Counter revokedMidPoll;
    private final Counter conflicts;

    AlertWriter(AlertStore store, PartitionLedger ledger, PollDecoder decoder, AlertRule rule, AlertsConfig config,
            KafkaClientService kafka, MeterRegistry registry,
            @ConfigProperty(name = AlertsBeans.URL_KEY) String databaseUrl) {
        this.store = store;
        this.ledger = ledger;
        this.decoder = decoder;
        this.rule = rule;
        this.kafka = kafka;
        this.registry = registry;
        this.databaseUrl = databaseUrl;
        this.revokeTimeout = config.revokeTimeout();
        this.transactionTimeout = config.transactionTimeout();
        this.pauseBeforeCommit = config.faultInjection().pauseBeforeCommit().orElse(null);
        this.commitDelay = config.faultInjection().commitDelay().orElse(Duration.ZERO);
        this.stored = registry.counter("alerts.stored");
        this.duplicates = registry.counter("alerts.readings.duplicate");
        this.poison = registry.counter("alerts.records.poison");
        this.records = registry.counter("alerts.records.read");
        this.revokedMidPoll = registry.counter("alerts.polls.rolled.back", "reason", "revoked");
        this.conflicts = registry.counter("alerts.polls.rolled.back", "reason", "offset-moved");
        if (pauseBeforeCommit != null) {
            LOG.warnf("Fault injection is on: the service stops between the INSERT and the COMMIT of transaction %d"
                    + " with alerts and waits to be killed", pauseBeforeCommit);
        }
        if (!commitDelay.isZero()) {
            LOG.warnf("Fault injection is on: every transaction waits %s between its INSERT and its COMMIT", commitDelay);
        }
        LOG.infof("Storing readings above %s °C of topic %s (consumer group %s) in warning_temperatures at %s",
                rule.threshold(), store.topic(), store.group(), databaseUrl);
    }

    /**
     * Decodes one poll and queues it behind the poll being stored (see the class comment). Completes
     * once the poll before it is stored (or nothing of it is ours): so one poll is stored while the
     * next is decoded, and the channel delivers a third only when the first is done.
     */
    public Uni<Void> write(ConsumerRecords<byte[], byte[]> polled, int generation) {
        DecodedPoll poll = decoder.decode(polled, generation);
        CompletableFuture<Void> previous = tail;
        CompletableFuture<Void> stored = new CompletableFuture<>();
        tail = stored;
        Uni.createFrom().completionStage(previous)
                .chain(() -> attempt(poll))
                .subscribe().with(done -> stored.complete(null), e -> {
                    LOG.errorf(e, "Storing a poll failed unexpectedly; the channel stops");
                    stored.completeExceptionally(e);
                });
        return Uni.createFrom().completionStage(previous);
    }

    private Uni<Void> attempt(DecodedPoll poll) {
        CommitPlan plan = ledger.plan(poll);
        if (plan.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.commit(plan, () -> beforeCommit(plan))
                .ifNoItem().after(transactionTimeout).recoverWithUni(() -> pausedForever
                        ? Uni.createFrom().nothing()
                        : Uni.createFrom().failure(new TimeoutException("no answer to the transaction of " + plan
                                + " within " + transactionTimeout + " (alerts.transaction-timeout)")))
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    if (failure == null && outcome.committed()) {
                        ledger.committed(plan);
                        ledger.ended(plan);
                        done(plan, outcome.inserted());
                        return Uni.createFrom().voidItem();
                    }
                    ledger.ended(plan);
                    if (failure == null) {
                        conflicts.increment();
                        return store.readOffsets(plan.partitions())
                                .onItemOrFailure().transformToUni((now, readFailure) -> {
                                    if (readFailure != null) {
                                        return retryLater(poll, plan, readFailure);
                                    }
                                    giveUpMoved(plan, now);
                                    return attempt(poll);
                                });
                    }
                    if (failure instanceof RevokedMidPoll) {
                        revokedMidPoll.increment();
                        LOG.infof("%s (%s): the next owner reads them from their stored offsets", REVOKED_MID_POLL, plan);
                        return attempt(poll);
                    }
                    if (SqlErrors.isLockConflict(failure)) {
                        LOG.debugf(failure, "Lock conflict storing %s; trying again", plan);
                        return Uni.createFrom().voidItem().onItem().delayIt().by(LOCK_CONFLICT_PAUSE)
                                .chain(() -> attempt(poll));
                    }
                    return retryLater(poll, plan, failure);
                });
    }

    private Uni<Void> retryLater(DecodedPoll poll, CommitPlan plan, Throwable failure) {
        Duration pause = commitRetry.failed(System.nanoTime(), "MySQL at " + databaseUrl
                + " to store the alerts and offsets of partition(s) " + plan.partitions(), failure);
        return Uni.createFrom().voidItem().onItem().delayIt().by(pause).chain(() -> attempt(poll));
    }

    /** Between the INSERT and the COMMIT: fault injection, then the ownership check. */
    private Uni<Void> beforeCommit(CommitPlan plan) {
        Uni<Void> wait = Uni.createFrom().voidItem();
        if (!plan.alerts().isEmpty() && pauseBeforeCommit != null
                && alertTransactions.incrementAndGet() == pauseBeforeCommit) {
            LOG.errorf("%s %s (%d alert(s) inserted, not committed); waiting to be killed", PAUSED, plan,
                    plan.alerts().size());
            pausedForever = true;
            return Uni.createFrom().nothing();
        }
        if (!commitDelay.isZero()) {
            wait = wait.onItem().delayIt().by(commitDelay);
        }
        return wait.invoke(() -> {
            if (!ledger.holds(plan)) {
                throw new RevokedMidPoll("revoked during " + plan);
            }
        });
    }

    private void done(CommitPlan plan, int inserted) {
        commitRetry.succeeded(System.nanoTime(), () -> "storing alerts again from " + ledger.nextOffsets());
        stored.increment(inserted);
        records.increment(plan.records());
        int alerts = plan.alerts().size();
        if (inserted < alerts) {
            duplicates.increment(alerts - inserted);
            LOG.warnf("%d alert(s) of %s had a (station, date) already stored: the first reading stays", alerts - inserted,
                    plan);
        }
        for (Poison p : plan.poison()) {
            poison.increment();
            LOG.warnf("Skipped partition %d offset %d of %s: not a storable Report (%s); its offset moved on with the"
                    + " poll", p.partition(), p.offset(), store.topic(), p.reason());
        }
    }

    private void giveUpMoved(CommitPlan plan, Map<Integer, Long> now) {
        Set<Integer> fenced = ledger.reconcile(plan, now);
        if (fenced.isEmpty()) {
            return;
        }
        LOG.warnf("Rolled back %s: the stored offset of partition(s) %s was moved by another instance (now %s); they"
                + " are no longer ours, asking the group for a rebalance", plan, fenced, now);
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(AlertsConsumer.CHANNEL);
        if (consumer != null) {
            java.util.function.Consumer<org.apache.kafka.clients.consumer.Consumer<Object, Object>> rebalance =
                    c -> c.enforceRebalance("alerts: partition(s) " + fenced + " moved by another instance");
            consumer.runOnPollingThread(rebalance).subscribe().with(ok -> { }, e -> LOG.warnf(
                            "Could not ask for a rebalance (%s): the partitions stay unread until the next one",
                            e.getMessage()));
        }
    }

    /**
     * Polling thread, rebalance listener: the stored offsets of the newly assigned {@code partitions},
     * waiting (blocking, with a growing pause) while MySQL cannot answer.
     */
    Map<Integer, Long> storedOffsets(Collection<Integer> partitions) {
        while (true) {
            if (stopping) {
                // The consumer is being closed: its partitions are given up, not sought.
                throw new IllegalStateException("shutting down while waiting for the stored offsets of " + partitions);
            }
            try {
                Map<Integer, Long> offsets = store.ensureSchema().chain(() -> store.readOffsets(partitions))
                        .await().atMost(Duration.ofSeconds(30));
                offsetsRetry.succeeded(System.nanoTime(), () -> "partition(s) " + partitions + " are sought to their"
                        + " stored offsets");
                return offsets;
            } catch (RuntimeException e) {
                Duration pause = offsetsRetry.failed(System.nanoTime(), "MySQL at " + databaseUrl
                        + " to read the stored offsets of partition(s) " + partitions, e);
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptException(interrupted);
                }
            }
        }
    }

    /** Shutdown: a listener waiting for MySQL gives up, so that the consumer can close. */
    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Polling thread: {@code partition} was sought to {@code next} in group generation {@code generation}. */
    void assigned(int partition, int generation, long next) {
        ledger.assigned(partition, generation, next);
        if (gauged.add(partition)) {
            Gauge.builder("alerts.partition.lag", this, w -> w.lag(partition))
                    .tag("partition", String.valueOf(partition))
                    .description("records of the partition not yet covered by its stored offset (-1 while unknown)")
                    .register(registry);
        }
    }

    /** Polling thread: forgets {@code partitions}, then waits for the transaction in flight that stores any of them. */
    void revoked(Collection<Integer> partitions) {
        Optional<CommitPlan> inFlight = ledger.revoked(partitions);
        partitions.forEach(logEnd::remove);
        if (inFlight.isEmpty()) {
            return;
        }
        try {
            inFlight.get().ended().get(revokeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("The transaction of %s has not ended %s after the revocation of %s; letting them go: should it"
                    + " still commit, the next owner's compare-and-set of the offsets notices", inFlight.get(),
                    revokeTimeout, partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            // ended() only ever completes normally
        }
    }

    /** Scheduler: reads each held partition's end (read_committed) on the polling thread, for the lag gauges. */
    Uni<Void> refreshLag() {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(AlertsConsumer.CHANNEL);
        if (consumer == null) {
            return Uni.createFrom().voidItem();
        }
        return consumer.runOnPollingThread(c -> {
            Map<Integer, Long> ends = new TreeMap<>();
            for (var tp : c.assignment()) {
                var lag = c.currentLag(tp);
                if (lag.isPresent()) {
                    try {
                        ends.put(tp.partition(), c.position(tp, Duration.ZERO) + lag.getAsLong());
                    } catch (org.apache.kafka.common.errors.TimeoutException positionNotKnownYet) {
                        // after a seek, before the first fetch: next time
                    }
                }
            }
            return ends;
        }).invoke(logEnd::putAll).replaceWithVoid();
    }

    private double lag(int partition) {
        Long end = logEnd.get(partition);
        Long next = ledger.nextOffsets().get(partition);
        if (end == null || next == null) {
            return -1;
        }
        return Math.max(0, end - Math.max(0, next));
    }

    /** What storing waits for, or null. */
    public String waitingFor() {
        String offsets = offsetsRetry.waitingFor();
        return offsets != null ? offsets : commitRetry.waitingFor();
    }

    /** Held partitions and their stored next offsets (-1: none stored yet). */
    public SortedMap<Integer, Long> nextOffsets() {
        return ledger.nextOffsets();
    }

    public AlertRule rule() {
        return rule;
    }
}
