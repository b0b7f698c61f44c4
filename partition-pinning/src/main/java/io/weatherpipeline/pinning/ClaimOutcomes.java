package io.weatherpipeline.pinning;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the group leader last decided for one channel's consumer: the partitions it got and why it
 * did not get others. One instance per pinned channel, handed to that channel's
 * {@link ClaimedPartitionAssignor} through the consumer configuration ({@link #CONFIG}, put there by
 * {@link PinningClientCustomizer}), so two channels or two services in one JVM never share it.
 *
 * <p>Thread model: written on the channel's polling thread (during a rebalance), read by the claim
 * watch and health checks; the reference is atomic and the outcome immutable.
 */
public final class ClaimOutcomes {

    /** Consumer configuration key under which the channel's instance travels to its assignor. */
    public static final String CONFIG = "weather.claim.outcomes";

    private final AtomicReference<ClaimArbiter.Outcome> last = new AtomicReference<>();

    void record(ClaimArbiter.Outcome outcome) {
        last.set(outcome);
    }

    /** The latest outcome, or null before the first rebalance. */
    public ClaimArbiter.Outcome last() {
        return last.get();
    }

    /** The instance in a consumer configuration, failing with the remedy when it is missing. */
    static ClaimOutcomes from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG);
        if (value instanceof ClaimOutcomes outcomes) {
            return outcomes;
        }
        throw new IllegalArgumentException(CONFIG + " is not set to a ClaimOutcomes: the service must register a "
                + PinningClientCustomizer.class.getSimpleName() + " for its pinned channel");
    }
}
