package io.weatherpipeline.alerts;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;

/**
 * The Kafka entry point: each poll (read_committed, {@code batch=true}) goes to the {@link AlertWriter}
 * with the consumer group generation it was fetched in. The returned {@code Uni} completes once the
 * poll is stored; the channel delivers the next poll only then.
 */
@ApplicationScoped
public class AlertsConsumer {

    /** The incoming channel, configured under {@code mp.messaging.incoming.temperatures.*}. */
    public static final String CHANNEL = "temperatures";

    private final AlertWriter writer;

    AlertsConsumer(AlertWriter writer) {
        this.writer = writer;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records,
            IncomingKafkaRecordBatchMetadata<byte[], byte[]> metadata) {
        return writer.write(records, metadata.getConsumerGroupGenerationId());
    }
}
