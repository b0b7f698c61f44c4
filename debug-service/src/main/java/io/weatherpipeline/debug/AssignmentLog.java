package io.weatherpipeline.debug;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Says on stderr which partitions the broker gave this instance and from which offset it prints
 * them. It does not seek: the position is the group's, or the end for a new group; asking for it
 * here fixes it at assignment, so nothing sent after this line is skipped.
 */
@ApplicationScoped
@Identifier(AssignmentLog.NAME)
public class AssignmentLog implements KafkaConsumerRebalanceListener {

    public static final String NAME = "debug-assignment-log";

    private static final Logger LOG = Logger.getLogger(AssignmentLog.class);

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            LOG.infof("Partition %d assigned: printing from offset %d", tp.partition(), consumer.position(tp));
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> LOG.infof("Partition %d revoked", tp.partition()));
    }
}
