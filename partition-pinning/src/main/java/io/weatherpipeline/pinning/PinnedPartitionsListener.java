package io.weatherpipeline.consumer;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Seeks every partition the group assigns to where this instance's writer continues: the local
 * checkpoint the first time, the writer's position if the partition comes back. Runs on the channel's
 * polling thread, during the group's rebalance; {@link ClaimedPartitionAssignor} makes sure the
 * partitions are the ones this instance claims. Wired by
 * {@code mp.messaging.incoming.temperatures.consumer-rebalance-listener.name}.
 */
@ApplicationScoped
@Identifier(PinnedPartitionsListener.NAME)
public class PinnedPartitionsListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "pinned-partitions";

    private static final Logger LOG = Logger.getLogger(PinnedPartitionsListener.class);

    private final PartitionWriters writers;

    PinnedPartitionsListener(PartitionWriters writers) {
        this.writers = writers;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (!writers.claims().contains(tp.partition())) {
                // Only a foreign assignor could do this: never read it, so never write it.
                LOG.errorf("Partition %s was assigned but is not claimed (consumer.partitions=%s): paused", tp,
                        PartitionClaims.format(writers.claims()));
                consumer.pause(List.of(tp));
                continue;
            }
            long offset = writers.assigned(tp.partition());
            if (offset < 0) {
                consumer.pause(List.of(tp));
                continue;
            }
            consumer.seek(tp, offset);
            LOG.infof("Partition %d assigned: reading from offset %d", tp.partition(), offset);
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            writers.revoked(tp.partition());
            LOG.infof("Partition %d revoked", tp.partition());
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }
}
