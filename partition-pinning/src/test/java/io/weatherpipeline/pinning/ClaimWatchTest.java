package io.weatherpipeline.pinning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** When a claim that is not held becomes fatal, and when it never does. */
class ClaimWatchTest {

    private static final long SECOND = 1_000_000_000L;

    private final Set<Integer> held = new TreeSet<>();
    private final ClaimOutcomes outcomes = new ClaimOutcomes();
    private final List<String> fatal = new ArrayList<>();
    private final ClaimWatch watch = new ClaimWatch(new PinnedPartitions() {
        @Override
        public Set<Integer> claims() {
            return Set.of(0, 2);
        }

        @Override
        public long assigned(int partition) {
            return 0;
        }

        @Override
        public void revoked(int partition) {
        }

        @Override
        public Set<Integer> held() {
            return held;
        }
    }, outcomes, "temperatures", Duration.ofSeconds(30), "stats.partitions", fatal::add);

    private void leaderSays(ClaimProblem... problems) {
        outcomes.record(new ClaimArbiter.Outcome(Set.copyOf(held), List.of(problems)));
    }

    @Test
    void holdingEveryClaimIsNoProblem() {
        held.addAll(Set.of(0, 2));
        watch.check(0);
        assertNull(watch.problem());
        assertEquals(List.of(), fatal);
    }

    @Test
    void joiningTheGroupNeverBecomesFatal() {
        watch.check(0);
        watch.check(600 * SECOND);
        assertTrue(watch.problem().contains("joining consumer group"), watch.problem());
        assertEquals(List.of(), fatal);
    }

    @Test
    void aMissingTopicIsWaitedForHoweverLong() {
        leaderSays(new ClaimProblem(ClaimProblem.Kind.TOPIC_MISSING, -1, "topic temperatures does not exist yet"));
        watch.check(0);
        watch.check(600 * SECOND);
        assertTrue(watch.problem().contains("does not exist yet"), watch.problem());
        assertEquals(List.of(), fatal);
    }

    @Test
    void aPartitionHeldElsewhereIsFatalOnlyAfterTheTimeout() {
        held.add(0);
        leaderSays(new ClaimProblem(ClaimProblem.Kind.HELD_ELSEWHERE, 2, "partition 2 is held by another consumer"));
        watch.check(0);
        watch.check(29 * SECOND);
        assertEquals(List.of(), fatal);
        watch.check(31 * SECOND);
        assertEquals(1, fatal.size());
        assertTrue(fatal.get(0).contains("partition(s) [2] of temperatures not held: partition 2 is held by another consumer"),
                fatal.get(0));
        assertTrue(fatal.get(0).contains("fix stats.partitions"), fatal.get(0));
    }

    @Test
    void aClaimThatComesBackResetsTheClock() {
        leaderSays(new ClaimProblem(ClaimProblem.Kind.NO_SUCH_PARTITION, 2, "partition 2 does not exist"));
        held.add(0);
        watch.check(0);
        held.add(2);
        watch.check(20 * SECOND);
        held.remove(2);
        watch.check(40 * SECOND);
        watch.check(60 * SECOND);
        assertEquals(List.of(), fatal);
        watch.check(71 * SECOND);
        assertEquals(1, fatal.size());
    }
}
