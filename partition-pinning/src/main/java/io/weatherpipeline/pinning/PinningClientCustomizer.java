package io.weatherpipeline.pinning;

import java.util.Map;

import org.eclipse.microprofile.config.Config;

import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * Puts a channel's {@link ClaimOutcomes} into its Kafka consumer's configuration, where Kafka hands it
 * to the {@link ClaimedPartitionAssignor} it creates. SmallRye calls every {@code ClientCustomizer} bean
 * before it creates a client; a service produces one of these for its pinned channel.
 */
public final class PinningClientCustomizer implements ClientCustomizer<Map<String, Object>> {

    private final String channel;
    private final ClaimOutcomes outcomes;

    public PinningClientCustomizer(String channel, ClaimOutcomes outcomes) {
        this.channel = channel;
        this.outcomes = outcomes;
    }

    @Override
    public Map<String, Object> customize(String channelName, Config channelConfig, Map<String, Object> config) {
        if (channel.equals(channelName)) {
            config.put(ClaimOutcomes.CONFIG, outcomes);
        }
        return config;
    }
}
