package io.weatherpipeline.alerts.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * What one transaction stores: for each partition, the alerts of the records from its stored offset
 * on, and the move of that offset from {@code expected} (compare-and-set) to {@code next}. Built by
 * {@link PartitionLedger#plan}; {@link #ended()} completes when the transaction has committed or
 * rolled back, so a revocation can wait for it.
 */
public final class CommitPlan {

    /**
     * One partition's part.
     *
     * @param expected the offset the table must still hold ({@link PartitionLedger#FROM_BEGINNING}: no row yet)
     * @param next the offset after the last record of the step
     * @param records how many records the step covers
     */
    public record Step(int partition, long expected, long next, List<Alert> alerts, List<Poison> poison, int records) {

        public Step {
            if (next <= expected) {
                throw new IllegalArgumentException("partition " + partition + ": next offset " + next
                        + " does not move past " + expected);
            }
            alerts = List.copyOf(alerts);
            poison = List.copyOf(poison);
        }

        /** True when no offset is stored for the partition yet: the step inserts its row. */
        public boolean firstForPartition() {
            return expected == PartitionLedger.FROM_BEGINNING;
        }
    }

    private final int generation;
    private final List<Step> steps;
    private final List<Alert> alerts;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    CommitPlan(int generation, List<Step> steps) {
        this.generation = generation;
        this.steps = List.copyOf(steps);
        List<Alert> all = new ArrayList<>();
        steps.forEach(s -> all.addAll(s.alerts()));
        this.alerts = Collections.unmodifiableList(all);
    }

    public int generation() {
        return generation;
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Every alert of every step, partition by partition. */
    public List<Alert> alerts() {
        return alerts;
    }

    public List<Poison> poison() {
        List<Poison> all = new ArrayList<>();
        steps.forEach(s -> all.addAll(s.poison()));
        return all;
    }

    public int records() {
        return steps.stream().mapToInt(Step::records).sum();
    }

    public SortedSet<Integer> partitions() {
        SortedSet<Integer> out = new TreeSet<>();
        steps.forEach(s -> out.add(s.partition()));
        return out;
    }

    /** Completes when the transaction of this plan has ended, either way. */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Step s : steps) {
            b.append(b.length() == 0 ? "" : ", ").append("partition ").append(s.partition()).append(' ')
                    .append(s.firstForPartition() ? "beginning" : String.valueOf(s.expected())).append("->").append(s.next());
        }
        return b.toString();
    }
}
