package io.weatherpipeline.stats;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.pinning.ClaimOutcomes;
import io.weatherpipeline.pinning.ClaimWatch;
import io.weatherpipeline.pinning.PinnedPartitionsListener;
import io.weatherpipeline.pinning.PinningClientCustomizer;

/**
 * Wires the shared partition pinning to this service: the channel's assignor reports to one
 * {@link ClaimOutcomes}, the rebalance listener seeks each partition to its file's offset, and the
 * claim watch stops the service ({@link FatalErrors}) when a claim stays held elsewhere.
 */
@ApplicationScoped
public class StatsBeans {

    /** month.svg is drawn with Java2D on a server: never look for a display, wherever the service runs. */
    void headless(@Observes StartupEvent event) {
        System.setProperty("java.awt.headless", "true");
    }

    @Produces
    @Singleton
    FatalErrors fatalErrors(StatsConfig config) {
        return new FatalErrors(config.exitOnFatal(), Quarkus::asyncExit);
    }

    @Produces
    @Singleton
    ClaimOutcomes claimOutcomes() {
        return new ClaimOutcomes();
    }

    @Produces
    @Singleton
    ClientCustomizer<Map<String, Object>> pinningCustomizer(ClaimOutcomes outcomes) {
        return new PinningClientCustomizer(StatsConsumer.CHANNEL, outcomes);
    }

    @Produces
    @Singleton
    @Identifier(PinnedPartitionsListener.NAME)
    KafkaConsumerRebalanceListener pinnedPartitionsListener(StatsWriter writer) {
        return new PinnedPartitionsListener(writer);
    }

    @Produces
    @Singleton
    ClaimWatch claimWatch(StatsWriter writer, ClaimOutcomes outcomes, StatsConfig config, FatalErrors fatal) {
        return new ClaimWatch(writer, outcomes, config.topic(), config.claimTimeout(), "stats.partitions", fatal::stop);
    }
}
