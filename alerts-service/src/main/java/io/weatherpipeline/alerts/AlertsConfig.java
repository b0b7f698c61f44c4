package io.weatherpipeline.alerts;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the alerts service, under {@code alerts.*} (env {@code ALERTS_*}). */
@ConfigMapping(prefix = "alerts")
public interface AlertsConfig {

    /** Degrees Celsius; a reading strictly above it is an alert. */
    @WithDefault("30.0")
    double threshold();

    /** The topic read (the channel's topic is set from it). */
    @WithDefault("temperatures")
    String topic();

    /** Alerts per multi-row INSERT; a poll with more uses several statements in its one transaction. */
    @WithDefault("5000")
    int rowsPerStatement();

    /**
     * How long a transaction may go without an answer before it counts as failed and is tried again
     * (a connection lost mid-transaction may never answer; the retry's compare-and-set settles whether
     * it committed).
     */
    @WithDefault("30s")
    Duration transactionTimeout();

    /** How long a revocation waits for the transaction in flight to end before it lets the partitions go. */
    @WithDefault("30s")
    Duration revokeTimeout();

    FaultInjection faultInjection();

    /** Crash-test support; off unless set. */
    interface FaultInjection {

        /**
         * Stop for good between the INSERT and the COMMIT of the N-th transaction that stores alerts
         * (1 = the first), logging {@link AlertWriter#PAUSED}, to be killed there.
         */
        Optional<Integer> pauseBeforeCommit();

        /** Wait this long between the INSERT and the COMMIT of every transaction (widens the window of a rebalance). */
        Optional<Duration> commitDelay();
    }
}
