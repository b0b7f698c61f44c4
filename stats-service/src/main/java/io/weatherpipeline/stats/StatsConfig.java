package io.weatherpipeline.stats;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the statistics service, under {@code stats.*} (env {@code STATS_*}). */
@ConfigMapping(prefix = "stats")
public interface StatsConfig {

    /** The partitions this instance owns: {@code 0}, {@code 0,2} or {@code 0 1 2 3}. */
    @WithDefault("0,1,2,3")
    String partitions();

    /** The topic read. */
    @WithDefault("temperatures")
    String topic();

    /** Where the {@code partition-N.json} files are kept (local disk; a volume in containers). Not the consumer's. */
    @WithDefault("stats")
    String dir();

    /** Longest time between a counted reading and its file being replaced (files are written at most this often). */
    @WithDefault("1s")
    Duration flushInterval();

    /** How long a claimed partition may be held by another live instance (or not exist) before that is fatal. */
    @WithDefault("30s")
    Duration claimTimeout();

    /** Stop the process on an error that needs a person (a damaged file, a partition held elsewhere). */
    @WithDefault("true")
    boolean exitOnFatal();

    FaultInjection faultInjection();

    /** Crash-test support; off unless set. */
    interface FaultInjection {

        /** Stop for good just before the rename of the N-th file written (1 = the first), to be killed there. */
        Optional<Integer> pauseBeforeRename();
    }
}
