package io.weatherpipeline.consumer;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.weatherpipeline.consumer.batch.Checkpoint;

/**
 * Mirrors each new checkpoint into the group's committed offsets, for monitoring only: lag shows in
 * {@code kafka-consumer-groups --describe --group weather-consumer} and any Kafka dashboard. Nothing
 * reads them back (the listener always seeks to the checkpoint), so a commit that fails is only logged.
 */
@ApplicationScoped
public class GroupOffsets {

    private static final Logger LOG = Logger.getLogger(GroupOffsets.class);

    private final KafkaClientService clients;
    private final String topic;

    GroupOffsets(KafkaClientService clients, ConsumerConfig config) {
        this.clients = clients;
        this.topic = config.topic();
    }

    /** Asks the polling thread to commit {@code checkpoint}'s offset for {@code partition}; does not wait. */
    void checkpointed(int partition, Checkpoint checkpoint) {
        KafkaConsumer<Object, Object> consumer = clients.getConsumer(BatchConsumer.CHANNEL);
        if (consumer == null) {
            return;
        }
        consumer.commitAsync(Map.of(new TopicPartition(topic, partition),
                new OffsetAndMetadata(checkpoint.offset(), "batch " + checkpoint.batchId())))
                .subscribe().with(ok -> {
                }, e -> LOG.debugf("Offset of partition %d not mirrored to the group (monitoring only): %s",
                        partition, e.getMessage()));
    }
}
