package io.weatherpipeline.pinning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gives every member of the consumer group exactly the partitions it claims, and no partition to
 * two members. Pure logic behind {@link ClaimedPartitionAssignor}.
 *
 * <p>When two members claim one partition, the one that already owns it keeps it; otherwise the one
 * that started first; the other is told who holds it. A partition that nobody claims stays
 * unassigned (no consumer writes it) and one that does not exist is reported to its claimant.
 */
public final class ClaimArbiter {

    /**
     * One member's claim.
     *
     * @param memberId the group member id (unique, given by the coordinator)
     * @param claimed partitions the member was configured to own
     * @param owned partitions it holds now (cooperative rebalancing keeps them across rebalances)
     * @param startedAtMillis when the member's process started
     * @param description who it is, for error messages (client id and host)
     */
    public record Claim(String memberId, Set<Integer> claimed, Set<Integer> owned, long startedAtMillis,
            String description) {
    }

    /**
     * The outcome for one member.
     *
     * @param partitions the partitions it gets
     * @param problems why it does not get some it claims (empty when it gets them all)
     */
    public record Outcome(Set<Integer> partitions, List<ClaimProblem> problems) {

        /** Whether every problem may end by itself (so none is fatal, however long it lasts). */
        public boolean onlyTransientProblems() {
            return problems.stream().allMatch(p -> p.kind().isTransient());
        }
    }

    private ClaimArbiter() {
    }

    /**
     * @param partitionCount partitions of the topic, or -1 when the topic does not exist (yet)
     */
    public static Map<String, Outcome> assign(String topic, int partitionCount, List<Claim> claims) {
        Map<String, Set<Integer>> given = new TreeMap<>();
        Map<String, List<ClaimProblem>> problems = new TreeMap<>();
        for (Claim c : claims) {
            given.put(c.memberId(), new TreeSet<>());
            problems.put(c.memberId(), new ArrayList<>());
        }
        Map<Integer, List<Claim>> byPartition = new TreeMap<>();
        for (Claim c : claims) {
            for (int p : c.claimed()) {
                if (partitionCount < 0) {
                    problems.get(c.memberId()).add(new ClaimProblem(ClaimProblem.Kind.TOPIC_MISSING, -1,
                            "topic " + topic + " does not exist yet"));
                    break;
                }
                if (p >= partitionCount) {
                    problems.get(c.memberId()).add(new ClaimProblem(ClaimProblem.Kind.NO_SUCH_PARTITION, p, "partition " + p
                            + " does not exist: topic " + topic + " has " + partitionCount + " partitions (0.."
                            + (partitionCount - 1) + ")"));
                    continue;
                }
                byPartition.computeIfAbsent(p, k -> new ArrayList<>()).add(c);
            }
        }
        byPartition.forEach((p, claimants) -> {
            Claim winner = claimants.stream().min(Comparator
                    .comparing((Claim c) -> !c.owned().contains(p))
                    .thenComparingLong(Claim::startedAtMillis)
                    .thenComparing(Claim::memberId)).orElseThrow();
            given.get(winner.memberId()).add(p);
            for (Claim loser : claimants) {
                if (loser != winner) {
                    problems.get(loser.memberId()).add(new ClaimProblem(ClaimProblem.Kind.HELD_ELSEWHERE, p, "partition "
                            + p + " is held by another consumer of the group (" + winner.description() + ")"));
                }
            }
        });
        Map<String, Outcome> out = new TreeMap<>();
        given.forEach((m, ps) -> out.put(m, new Outcome(Set.copyOf(ps), List.copyOf(problems.get(m)))));
        return out;
    }
}
