package io.weatherpipeline.pinning;

import java.util.Set;

/**
 * The owner of pinned partitions, as the rebalance listener and the claim watch see it: the service's
 * writer implements it. Called on the channel's polling thread during rebalances.
 */
public interface PinnedPartitions {

    /** The partitions this instance claims by configuration. */
    Set<Integer> claims();

    /**
     * A claimed partition was assigned.
     *
     * @return the offset to continue from, or -1 when the partition cannot be written (it is paused;
     *     the owner has reported why)
     */
    long assigned(int partition);

    /** A partition was revoked or lost: stop writing it until it is assigned again. */
    void revoked(int partition);

    /** The partitions held right now. */
    Set<Integer> held();
}
