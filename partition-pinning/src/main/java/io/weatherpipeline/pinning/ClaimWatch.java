package io.weatherpipeline.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Watches that every claimed partition is held. A partition can be missing for a while for good
 * reasons: the group is still forming, the topic does not exist yet, or a killed predecessor's
 * session has not expired. If it stays held by another live consumer, or does not exist, for
 * {@code consumer.claim-timeout}, that is a configuration error ({@link FatalErrors}).
 */
@ApplicationScoped
public class ClaimWatch {

    private static final Logger LOG = Logger.getLogger(ClaimWatch.class);
    private static final Duration WAITING_LOG_EVERY = Duration.ofSeconds(15);

    private final PartitionWriters writers;
    private final FatalErrors fatal;
    private final Duration timeout;
    private final String topic;
    private long missingSince = -1;
    private long lastLogged;
    private volatile String problem = "joining consumer group";

    ClaimWatch(PartitionWriters writers, FatalErrors fatal, ConsumerConfig config) {
        this.writers = writers;
        this.fatal = fatal;
        this.timeout = config.claimTimeout();
        this.topic = config.topic();
    }

    /** Why claimed partitions are not all held, or null when they are. */
    public String problem() {
        return problem;
    }

    synchronized void check(long now) {
        Set<Integer> missing = new TreeSet<>(writers.claims());
        missing.removeAll(writers.assignedPartitions());
        if (missing.isEmpty()) {
            if (missingSince >= 0) {
                LOG.infof("Holding every claimed partition of %s: %s", topic, PartitionClaims.format(writers.claims()));
            }
            missingSince = -1;
            problem = null;
            return;
        }
        if (missingSince < 0) {
            missingSince = now;
        }
        ClaimArbiter.Outcome outcome = ClaimedPartitionAssignor.lastOutcome();
        List<String> reasons = outcome == null || outcome.problems().isEmpty() ? List.of("joining consumer group")
                : outcome.problems();
        problem = "partition(s) " + missing + " of " + topic + " not held: " + String.join("; ", reasons);
        boolean onlyWaitingForTopic = reasons.stream().allMatch(r -> r.contains("does not exist yet")
                || r.startsWith("joining"));
        Duration missingFor = Duration.ofNanos(now - missingSince);
        if (!onlyWaitingForTopic && missingFor.compareTo(timeout) > 0) {
            fatal.stop(problem + " (for " + missingFor.toSeconds() + " s, longer than consumer.claim-timeout "
                    + timeout.toSeconds() + " s). Two consumers must not claim one partition: fix consumer.partitions.");
        } else if (now - lastLogged > WAITING_LOG_EVERY.toNanos() && missingFor.toSeconds() >= 2) {
            lastLogged = now;
            LOG.infof("Waiting: %s", problem);
        }
    }
}
