package io.weatherpipeline.pinning;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * Watches that every claimed partition is held. A partition can be missing for a while for good
 * reasons: the group is still forming, the topic does not exist yet, or a killed predecessor's
 * session has not expired. If it stays missing for a problem that does not cure itself
 * ({@link ClaimProblem.Kind#isTransient()}) for longer than the claim timeout, that is a configuration
 * error: {@code onFatal} is told, once per check past the timeout.
 *
 * <p>Thread model: {@link #check(long)} is called from one timer thread; {@link #problem()} from any.
 */
public final class ClaimWatch {

    private static final Logger LOG = Logger.getLogger(ClaimWatch.class);
    private static final Duration WAITING_LOG_EVERY = Duration.ofSeconds(15);
    private static final String JOINING = "joining consumer group";

    private final PinnedPartitions owner;
    private final ClaimOutcomes outcomes;
    private final String topic;
    private final Duration timeout;
    private final String claimsKey;
    private final Consumer<String> onFatal;
    private long missingSince = -1;
    private long lastLogged;
    private volatile String problem = JOINING;

    /**
     * @param claimsKey the configuration key of the claims (named in the fatal message's remedy)
     * @param onFatal told why, when a claim stays unheld past {@code timeout} for a lasting reason
     */
    public ClaimWatch(PinnedPartitions owner, ClaimOutcomes outcomes, String topic, Duration timeout, String claimsKey,
            Consumer<String> onFatal) {
        this.owner = owner;
        this.outcomes = outcomes;
        this.topic = topic;
        this.timeout = timeout;
        this.claimsKey = claimsKey;
        this.onFatal = onFatal;
    }

    /** Why claimed partitions are not all held, or null when they are. */
    public String problem() {
        return problem;
    }

    /** Looks again at what is held, at {@code now} (nanoTime). */
    public synchronized void check(long now) {
        Set<Integer> missing = new TreeSet<>(owner.claims());
        missing.removeAll(owner.held());
        if (missing.isEmpty()) {
            if (missingSince >= 0) {
                LOG.infof("Holding every claimed partition of %s: %s", topic, PartitionClaims.format(owner.claims()));
            }
            missingSince = -1;
            problem = null;
            return;
        }
        if (missingSince < 0) {
            missingSince = now;
        }
        ClaimArbiter.Outcome outcome = outcomes.last();
        boolean joining = outcome == null || outcome.problems().isEmpty();
        List<String> reasons = joining ? List.of(JOINING)
                : outcome.problems().stream().map(ClaimProblem::message).toList();
        problem = "partition(s) " + missing + " of " + topic + " not held: " + String.join("; ", reasons);
        Duration missingFor = Duration.ofNanos(now - missingSince);
        if (!joining && !outcome.onlyTransientProblems() && missingFor.compareTo(timeout) > 0) {
            onFatal.accept(problem + " (for " + missingFor.toSeconds() + " s, longer than the claim timeout "
                    + timeout.toSeconds() + " s). Two instances must not claim one partition: fix " + claimsKey + ".");
        } else if (now - lastLogged > WAITING_LOG_EVERY.toNanos() && missingFor.toSeconds() >= 2) {
            lastLogged = now;
            LOG.infof("Waiting: %s", problem);
        }
    }
}
