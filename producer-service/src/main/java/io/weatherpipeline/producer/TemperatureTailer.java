package io.weatherpipeline.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.weatherpipeline.common.Backoff;
import io.weatherpipeline.common.kafka.DeadLetterHeaders;
import io.weatherpipeline.common.kafka.KafkaTopics;

/**
 * Tails table {@code temperatures} into Kafka, each row exactly once.
 *
 * <ul>
 * <li>Each poll's rows go out in one Kafka transaction, sent by the channel's producer on its
 * sending thread; the watermark (last id sent) moves only when the broker has committed it.</li>
 * <li>On start, and after any failed send (whose outcome is unknown), the watermark is read back
 * from Kafka itself: the largest committed {@code row_id} header. Nothing is kept locally, so a
 * kill -9 can neither skip nor repeat a row.</li>
 * <li>An id missing below visible ones holds the stream until it commits or its grace passes
 * ({@link IdGapTracker}).</li>
 * <li>A row that is not a valid reading goes to the dead-letter topic in the same transaction.</li>
 * </ul>
 */
@ApplicationScoped
public class TemperatureTailer {

    /** The outgoing channel, configured under {@code mp.messaging.outgoing.temperatures.*}. */
    public static final String CHANNEL = "temperatures";

    private static final Logger LOG = Logger.getLogger(TemperatureTailer.class);

    private final KafkaTransactions<byte[]> transactions;
    private final KafkaClientService clients;
    private final Pool pool;
    private final TailerConfig config;
    private final String bootstrapServers;
    private final RowEncoder encoder;
    private final IdGapTracker gaps;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private final AtomicLong watermark = new AtomicLong(-1);
    private final AtomicReference<String> waitingFor = new AtomicReference<>("start-up");
    private final Counter sent;
    private final Counter deadLettered;
    private final Counter failures;

    TemperatureTailer(@Channel(CHANNEL) KafkaTransactions<byte[]> transactions, KafkaClientService clients,
            Pool pool, TailerConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.transactions = transactions;
        this.clients = clients;
        this.pool = pool;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.encoder = new RowEncoder(config.minDegrees(), config.maxDegrees());
        this.gaps = new IdGapTracker(config.gapGrace());
        this.sent = registry.counter("producer.rows.sent");
        this.deadLettered = registry.counter("producer.rows.dead.lettered");
        this.failures = registry.counter("producer.failures");
        registry.gauge("producer.watermark", watermark);
    }

    /** One poll; never fails (a failure becomes a pause, a log line and a re-read of the watermark). */
    Uni<Void> tick() {
        if (!backoff.mayTry(System.nanoTime())) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> work = watermark.get() < 0 ? recover() : drain();
        return work
                .invoke(() -> {
                    if (backoff.succeeded()) {
                        LOG.infof("Sending again from row id %d", watermark.get() + 1);
                    }
                })
                .onFailure().recoverWithUni(e -> {
                    failures.increment();
                    Duration wait = backoff.failed(System.nanoTime());
                    // The outcome of a failed transaction is unknown: trust only what Kafka committed.
                    watermark.set(-1);
                    String what = describe(e);
                    waitingFor.set(what);
                    LOG.warnf("Waiting for %s (next try in %d ms; no row is skipped or sent twice)", what,
                            wait.toMillis());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Creates the topics if needed, fences any earlier incarnation, then reads the watermark back. */
    private Uni<Void> recover() {
        return Uni.createFrom().item(() -> {
            try (Admin admin = Admin.create(KafkaTopics.adminConfig(bootstrapServers))) {
                TopicSetup.ensure(admin, config);
            } catch (KafkaTopics.PartitionCountMismatchException e) {
                throw e;
            } catch (Exception e) {
                throw new KafkaUnavailableException("Kafka at " + bootstrapServers + " to create or check topic "
                        + config.topic() + " (" + e.getMessage() + ")", e);
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                // An empty transaction initialises the transactional producer, which aborts whatever a
                // crashed predecessor with the same transactional.id left open.
                .chain(() -> transactions.withTransaction(emitter -> Uni.createFrom().voidItem()))
                .chain(() -> Uni.createFrom().item(() -> SentPositionReader.lastSentRowId(bootstrapServers,
                        List.of(config.topic(), config.deadLetterTopic())))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .invoke(last -> {
                    watermark.set(last);
                    waitingFor.set(null);
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
        AtomicReference<Uni<List<Outgoing>>> nextRead = new AtomicReference<>(select(watermark.get()));
        return Uni.createFrom().deferred(() -> {
            long from = watermark.get();
            return nextRead.get().chain(read -> send(from, read));
        }).invoke(following -> following.ifPresent(nextRead::set))
                .repeat().until(Optional::isEmpty)
                .onItem().ignoreAsUni();
    }

    /**
     * A row read and encoded, with its Kafka record when it is a valid reading (a dead letter is made
     * only when it is sent, so it is logged once).
     */
    private record Outgoing(RowEncoder.Encoded encoded, ProducerRecord<String, byte[]> record) {
        long id() {
            return encoded.row().id();
        }
    }

    /**
     * The rows after {@code from}, at most a batch, encoded where MySQL's answer arrives (the event
     * loop): the sending thread, the bottleneck, then only sends.
     */
    private Uni<List<Outgoing>> select(long from) {
        // Autocommit: every SELECT is a fresh transaction, so rows committed since the last poll are visible.
        return pool.preparedQuery("SELECT id, station_id, date, degrees FROM temperatures WHERE id > ? ORDER BY id LIMIT ?")
                .execute(Tuple.of(from, config.batchSize()))
                .map(rows -> {
                    List<Outgoing> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        RowEncoder.Encoded e = encoder.encode(new SourceRow(r.getLong("id"), r.getString("station_id"),
                                r.getLocalDate("date"), r.getDouble("degrees")));
                        out.add(new Outgoing(e, e.ok() ? reading(e) : null));
                    }
                    return out;
                })
                .onFailure().transform(e -> new MySqlUnavailableException(
                        "MySQL to read table temperatures (" + e.getMessage() + ")", e));
    }

    /**
     * Sends what the gap tracker allows in one transaction. When the batch was full (a backlog), the
     * next one is read while this one commits, and returned; otherwise null (wait for the next tick).
     * If the transaction fails, that read is dropped with it: the watermark goes back to Kafka's.
     */
    private Uni<Optional<Uni<List<Outgoing>>>> send(long from, List<Outgoing> rows) {
        IdGapTracker.Decision decision = gaps.decide(from, rows.stream().map(Outgoing::id).toList(), System.nanoTime());
        waitingFor.set(decision.waitingFor() == null || !decision.isEmpty() ? null
                : "row id " + decision.waitingFor() + " to commit in MySQL (given up after "
                        + config.gapGrace().toSeconds() + " s)");
        if (decision.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        List<Outgoing> batch = rows.subList(0, decision.accepted());
        long last = batch.get(batch.size() - 1).id();
        Uni<List<Outgoing>> next = null;
        if (decision.accepted() == config.batchSize()) {
            next = select(last).memoize().indefinitely();
            next.subscribe().with(read -> {
            }, failure -> {
                // Seen again, and handled, when the drain reaches this read.
            });
        }
        Optional<Uni<List<Outgoing>>> following = Optional.ofNullable(next);
        // The channel's own producer (its config, transactional.id and sending thread), driven
        // directly: one begin, N sends, one commit. Going through the emitter costs a Message, a
        // hop to the sending thread and an acknowledgement per record, about 5x slower.
        KafkaProducer<String, byte[]> producer = clients.getProducer(CHANNEL);
        return producer.runOnSendingThread(p -> {
            p.beginTransaction();
            try {
                for (Outgoing o : batch) {
                    p.send(o.record() != null ? o.record() : deadLetter(o.encoded()));
                }
                // Flushes; throws if any record of the transaction failed.
                p.commitTransaction();
            } catch (RuntimeException | Error e) {
                // An Error too (seen: OutOfMemoryError): a transaction left open would make every later
                // begin fail ("IN_TRANSACTION to IN_TRANSACTION") and stall the tailer for good.
                abortQuietly(p);
                throw e;
            }
        }).invoke(() -> {
            watermark.set(last);
            decision.skipped().forEach(r -> LOG.warnf(
                    "Row id(s) %s never committed within %d s: taken as rolled-back inserts and skipped", r,
                    config.gapGrace().toSeconds()));
            long bad = batch.stream().filter(o -> o.record() == null).count();
            sent.increment(batch.size() - bad);
            deadLettered.increment(bad);
        }).map(committed -> following).onFailure().transform(e -> new KafkaUnavailableException("Kafka at "
                + bootstrapServers + " to commit rows " + (from + 1) + ".." + last + " (" + e.getMessage() + ")", e));
    }

    private static void abortQuietly(Producer<String, byte[]> p) {
        try {
            p.abortTransaction();
        } catch (RuntimeException ignored) {
            // The producer may be in a fatal state; the failure that got us here is what is reported.
        }
    }

    private ProducerRecord<String, byte[]> reading(RowEncoder.Encoded e) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.ROW_ID, Headers.rowId(e.row().id()));
        return new ProducerRecord<>(config.topic(), null, e.row().stationId(), e.bytes(), headers);
    }

    private ProducerRecord<String, byte[]> deadLetter(RowEncoder.Encoded e) {
        LOG.errorf("Row id %d cannot be sent as a Report (%s): routed to %s", e.row().id(), e.reason(),
                config.deadLetterTopic());
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.ROW_ID, Headers.rowId(e.row().id()));
        DeadLetterHeaders.addReason(headers, e.reason());
        return new ProducerRecord<>(config.deadLetterTopic(), null,
                e.row().stationId() == null ? "" : e.row().stationId(),
                RowEncoder.deadLetterJson(e.row(), e.reason()).getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof KafkaUnavailableException || t instanceof MySqlUnavailableException
                    || t instanceof KafkaTopics.PartitionCountMismatchException) {
                return t.getMessage();
            }
            t = t.getCause();
        }
        return String.valueOf(e.getMessage());
    }

    /** The last row id committed to Kafka, or -1 while it is being read back. */
    public long watermark() {
        return watermark.get();
    }

    /** Polls or sends that failed (and were retried) since start. */
    public long failures() {
        return (long) failures.count();
    }

    /** What the tailer is waiting for (a server after a failure, or a missing row id), or null. */
    public String waitingFor() {
        return waitingFor.get();
    }

    /** Kafka did not answer as needed. */
    static class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** MySQL did not answer as needed. */
    static class MySqlUnavailableException extends RuntimeException {
        MySqlUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
