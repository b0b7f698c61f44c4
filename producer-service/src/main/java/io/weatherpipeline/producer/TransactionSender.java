package io.weatherpipeline.producer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.weatherpipeline.common.kafka.DeadLetterHeaders;

/**
 * Sends a batch of rows in one Kafka transaction on the producer of channel {@value #CHANNEL}: one
 * begin, one send per row (a dead letter for a row that is not a valid reading), one commit.
 */
@ApplicationScoped
public class TransactionSender {

    /** The outgoing channel, configured under {@code mp.messaging.outgoing.temperatures.*}. */
    public static final String CHANNEL = "temperatures";

    private static final Logger LOG = Logger.getLogger(TransactionSender.class);

    private final KafkaTransactions<byte[]> transactions;
    private final KafkaClientService clients;
    private final String deadLetterTopic;
    private final String bootstrapServers;

    /**
     * Two handles on one channel, on purpose. The rows go through the channel's own Kafka producer
     * ({@code clients}: the channel's configuration, transactional.id and sending thread), driven
     * directly. Sending them through the {@link KafkaTransactions} emitter instead cost a Message, a
     * hop to the sending thread and an acknowledgement per record: 80-110 ms per 5,000-row
     * transaction, 2.6x slower (BENCHMARKS.md). The emitter ({@code transactions}) is kept for
     * {@link #fence()} only.
     */
    TransactionSender(@Channel(CHANNEL) KafkaTransactions<byte[]> transactions, KafkaClientService clients,
            TailerConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.transactions = transactions;
        this.clients = clients;
        this.deadLetterTopic = config.deadLetterTopic();
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * An empty transaction, run once before the first send: it initialises the transactional
     * producer, which aborts whatever a crashed predecessor with the same transactional.id left open.
     */
    public Uni<Void> fence() {
        return transactions.withTransaction(emitter -> Uni.createFrom().voidItem())
                .onFailure().transform(e -> new ServerUnavailableException(
                        "Kafka at " + bootstrapServers + " to fence an earlier producer's open transaction", e));
    }

    /**
     * Sends {@code rows} in one transaction; completes when the broker has committed it. On failure
     * the transaction is aborted and its outcome for the broker is unknown: the caller reads the
     * position back from Kafka before sending again.
     */
    public Uni<Void> send(List<RowReader.OutgoingRow> rows) {
        KafkaProducer<String, byte[]> producer = clients.getProducer(CHANNEL);
        return producer.runOnSendingThread(p -> {
            p.beginTransaction();
            try {
                for (RowReader.OutgoingRow row : rows) {
                    p.send(row.isReading() ? row.record() : deadLetter(row.encoded()));
                }
                // Flushes; throws if any record of the transaction failed.
                p.commitTransaction();
            } catch (RuntimeException | Error e) {
                // An Error too (seen: OutOfMemoryError): a transaction left open would make every later
                // begin fail ("IN_TRANSACTION to IN_TRANSACTION") and stall the tailer for good.
                abortQuietly(p);
                throw e;
            }
        }).onFailure().transform(e -> new ServerUnavailableException("Kafka at " + bootstrapServers
                + " to commit rows " + rows.get(0).id() + ".." + rows.get(rows.size() - 1).id(), e));
    }

    private static void abortQuietly(Producer<String, byte[]> p) {
        try {
            p.abortTransaction();
        } catch (RuntimeException ignored) {
            // The producer may be in a fatal state; the failure that got us here is what is reported.
        }
    }

    private ProducerRecord<String, byte[]> deadLetter(RowEncoder.Encoded e) {
        LOG.errorf("Row id %d cannot be sent as a Report (%s): routed to %s", e.row().id(), e.reason(),
                deadLetterTopic);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.ROW_ID, Headers.rowId(e.row().id()));
        DeadLetterHeaders.addReason(headers, e.reason());
        return new ProducerRecord<>(deadLetterTopic, null, e.row().stationId() == null ? "" : e.row().stationId(),
                RowEncoder.deadLetterJson(e.row(), e.reason()).getBytes(StandardCharsets.UTF_8), headers);
    }
}
