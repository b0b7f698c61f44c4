package io.weatherpipeline.consumer;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.consumer.writer.PartitionWriters;
import io.weatherpipeline.pinning.ClaimOutcomes;
import io.weatherpipeline.pinning.ClaimWatch;
import io.weatherpipeline.pinning.PinnedPartitionsListener;
import io.weatherpipeline.pinning.PinningClientCustomizer;

/**
 * Wires the shared partition pinning to this service: the channel's assignor reports to one
 * {@link ClaimOutcomes}, the rebalance listener seeks to the writers' positions, and the claim watch
 * stops the service ({@link FatalErrors}) when a claim stays held elsewhere.
 */
@ApplicationScoped
public class PinningBeans {

    @Produces
    @Singleton
    ClaimOutcomes claimOutcomes() {
        return new ClaimOutcomes();
    }

    @Produces
    @Singleton
    ClientCustomizer<Map<String, Object>> pinningCustomizer(ClaimOutcomes outcomes) {
        return new PinningClientCustomizer(BatchConsumer.CHANNEL, outcomes);
    }

    @Produces
    @Singleton
    @Identifier(PinnedPartitionsListener.NAME)
    KafkaConsumerRebalanceListener pinnedPartitionsListener(PartitionWriters writers) {
        return new PinnedPartitionsListener(writers);
    }

    @Produces
    @Singleton
    ClaimWatch claimWatch(PartitionWriters writers, ClaimOutcomes outcomes, ConsumerConfig config, FatalErrors fatal) {
        return new ClaimWatch(writers, outcomes, config.topic(), config.claimTimeout(), "consumer.partitions",
                fatal::stop);
    }
}
