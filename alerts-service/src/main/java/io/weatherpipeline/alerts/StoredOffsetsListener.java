package io.weatherpipeline.alerts;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.weatherpipeline.alerts.model.PartitionLedger;

/**
 * Seeks every partition the group assigns to the next offset stored in MySQL (the beginning when none
 * is stored): Kafka's own committed offsets are never used. On revocation, waits until the transaction
 * in flight has ended, so the next owner reads an offset nobody moves any more.
 *
 * <p>Runs on the channel's Kafka polling thread, inside {@code poll()}, and blocks it on purpose: no
 * record of an assigned partition may be fetched before its seek. Named in
 * {@code mp.messaging.incoming.temperatures.consumer-rebalance-listener.name}.
 */
@ApplicationScoped
@Identifier(StoredOffsetsListener.NAME)
public class StoredOffsetsListener implements KafkaConsumerRebalanceListener {

    /** The bean identifier the channel's configuration names. */
    public static final String NAME = "stored-offsets";

    private static final Logger LOG = Logger.getLogger(StoredOffsetsListener.class);

    private final AlertWriter writer;

    StoredOffsetsListener(AlertWriter writer) {
        this.writer = writer;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // The generation of this assignment: every record fetched from now on carries it or a later one.
        int generation = consumer.groupMetadata().generationId();
        List<Integer> ids = partitions.stream().map(TopicPartition::partition).sorted().toList();
        Map<Integer, Long> stored = writer.storedOffsets(ids);
        for (TopicPartition tp : partitions) {
            Long next = stored.get(tp.partition());
            if (next == null) {
                consumer.seekToBeginning(List.of(tp));
                writer.assigned(tp.partition(), generation, PartitionLedger.FROM_BEGINNING);
                LOG.infof("Partition %d assigned (generation %d): reading from the beginning (no offset stored)",
                        tp.partition(), generation);
            } else {
                consumer.seek(tp, next);
                writer.assigned(tp.partition(), generation, next);
                LOG.infof("Partition %d assigned (generation %d): reading from stored offset %d", tp.partition(),
                        generation, next);
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<Integer> ids = partitions.stream().map(TopicPartition::partition).sorted().toList();
        writer.revoked(ids);
        LOG.infof("Partition(s) %s revoked", ids);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }
}
