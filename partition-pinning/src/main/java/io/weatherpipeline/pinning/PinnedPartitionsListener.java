package io.weatherpipeline.pinning;

import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Seeks every partition the group assigns to where the owner ({@link PinnedPartitions}) continues, and
 * tells the owner about revoked partitions. Runs on the channel's polling thread, during the group's
 * rebalance; {@link ClaimedPartitionAssignor} makes sure the partitions are the ones this instance
 * claims. A service produces one as an {@code @Identifier(NAME)} bean and names it in
 * {@code mp.messaging.incoming.<channel>.consumer-rebalance-listener.name}.
 */
public class PinnedPartitionsListener implements KafkaConsumerRebalanceListener {

    /** The bean identifier the channels' configuration names. */
    public static final String NAME = "pinned-partitions";

    private static final Logger LOG = Logger.getLogger(PinnedPartitionsListener.class);

    private final PinnedPartitions owner;

    public PinnedPartitionsListener(PinnedPartitions owner) {
        this.owner = owner;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (!owner.claims().contains(tp.partition())) {
                // Only a foreign assignor could do this: never read it, so never write it.
                LOG.errorf("Partition %s was assigned but is not claimed (claims: %s): paused", tp,
                        PartitionClaims.format(owner.claims()));
                consumer.pause(List.of(tp));
                continue;
            }
            long offset = owner.assigned(tp.partition());
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
            owner.revoked(tp.partition());
            LOG.infof("Partition %d revoked", tp.partition());
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }
}
