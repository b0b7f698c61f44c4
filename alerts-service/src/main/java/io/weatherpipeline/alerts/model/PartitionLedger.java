package io.weatherpipeline.alerts.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The partitions this instance holds and, for each, the next offset stored in MySQL: the bookkeeping
 * behind exactly once. Pure and thread-safe (one lock).
 *
 * <ul>
 * <li>{@link #assigned}: the rebalance listener read the stored offset and sought the partition there,
 * in consumer group generation {@code g}. Records fetched before that seek carry an older generation
 * and are ignored; records from generation {@code g} on follow the stored offset without a gap.</li>
 * <li>{@link #plan}: a poll becomes one transaction's {@link CommitPlan}, taking of each held partition
 * the records from its next offset on (earlier ones were read again after a seek: already stored).
 * One plan is in flight at a time.</li>
 * <li>{@link #holds}: the ownership check just before COMMIT. A partition revoked meanwhile fails it,
 * and the transaction is rolled back.</li>
 * <li>{@link #committed}, {@link #reconcile}: after the transaction, or after a failed compare-and-set of
 * the stored offset (someone else moved it: the partition is fenced, no longer ours).</li>
 * </ul>
 */
public final class PartitionLedger {

    /** Expected offset of a partition with no stored row: it is read from the beginning. */
    public static final long FROM_BEGINNING = -1;

    private record Held(int generation, long next) {
    }

    private final Map<Integer, Held> held = new TreeMap<>();
    private CommitPlan inFlight;

    /** The listener sought {@code partition} to {@code storedNext} ({@link #FROM_BEGINNING}: none stored) in {@code generation}. */
    public synchronized void assigned(int partition, int generation, long storedNext) {
        held.put(partition, new Held(generation, storedNext));
    }

    /**
     * Forgets {@code partitions}. Returns the plan in flight when it stores any of them: the caller
     * waits for its end, so the next owner reads an offset that no transaction of ours moves any more.
     */
    public synchronized Optional<CommitPlan> revoked(Collection<Integer> partitions) {
        held.keySet().removeAll(partitions);
        if (inFlight != null && partitions.stream().anyMatch(inFlight.partitions()::contains)) {
            return Optional.of(inFlight);
        }
        return Optional.empty();
    }

    /**
     * The transaction for {@code poll}: the records of each held partition from its next offset on,
     * if the poll was fetched after the partition's seek. Empty when there is nothing to store (the
     * caller then runs no transaction); otherwise in flight until {@link #ended}.
     */
    public synchronized CommitPlan plan(DecodedPoll poll) {
        if (inFlight != null) {
            throw new IllegalStateException("a transaction is still in flight: " + inFlight);
        }
        List<CommitPlan.Step> steps = new ArrayList<>();
        for (DecodedPoll.PartitionRecords records : poll.partitions()) {
            Held h = held.get(records.partition());
            if (h == null || poll.generation() < h.generation()) {
                continue; // not ours, or fetched before the seek: read again from the stored offset
            }
            int first = records.firstIndexFrom(h.next() == FROM_BEGINNING ? Long.MIN_VALUE : h.next());
            long[] offsets = records.offsets();
            if (first == offsets.length) {
                continue; // all read again after a seek: already stored
            }
            long from = offsets[first];
            List<Alert> alerts = records.alerts().stream().filter(a -> a.offset() >= from).toList();
            List<Poison> poison = records.poison().stream().filter(p -> p.offset() >= from).toList();
            steps.add(new CommitPlan.Step(records.partition(), h.next(), records.next(), alerts, poison,
                    offsets.length - first));
        }
        CommitPlan plan = new CommitPlan(poll.generation(), steps);
        if (!plan.isEmpty()) {
            inFlight = plan;
        }
        return plan;
    }

    /** The ownership check before COMMIT: every partition of {@code plan} is still held, since the same seek. */
    public synchronized boolean holds(CommitPlan plan) {
        for (CommitPlan.Step s : plan.steps()) {
            Held h = held.get(s.partition());
            if (h == null || h.generation() > plan.generation() || h.next() != s.expected()) {
                return false;
            }
        }
        return true;
    }

    /** The plan's transaction committed: the partitions still held move on to the plan's next offsets. */
    public synchronized void committed(CommitPlan plan) {
        for (CommitPlan.Step s : plan.steps()) {
            Held h = held.get(s.partition());
            if (h != null && h.next() == s.expected()) {
                held.put(s.partition(), new Held(h.generation(), s.next()));
            }
        }
    }

    /**
     * After a failed compare-and-set: for each partition of {@code plan}, {@code stored} (its offset in
     * the table now; absent: no row) decides. Still the expected offset: nothing happened to it.
     * Already the plan's next offset: an earlier try of this very plan committed although its answer
     * was lost; move on. Anything else: another instance moved it; the partition is no longer ours.
     *
     * @return the partitions given up (the caller asks the group for a rebalance)
     */
    public synchronized Set<Integer> reconcile(CommitPlan plan, Map<Integer, Long> stored) {
        Set<Integer> fenced = new TreeSet<>();
        for (CommitPlan.Step s : plan.steps()) {
            Held h = held.get(s.partition());
            if (h == null || h.next() != s.expected()) {
                continue;
            }
            long now = stored.getOrDefault(s.partition(), FROM_BEGINNING);
            if (now == s.next()) {
                held.put(s.partition(), new Held(h.generation(), now));
            } else if (now != s.expected()) {
                held.remove(s.partition());
                fenced.add(s.partition());
            }
        }
        return fenced;
    }

    /** The plan's transaction ended (committed or rolled back): the next plan may be made. */
    public void ended(CommitPlan plan) {
        synchronized (this) {
            if (inFlight == plan) {
                inFlight = null;
            }
        }
        plan.ended().complete(null);
    }

    /** Held partitions and their next offsets ({@link #FROM_BEGINNING} when none is stored yet). */
    public synchronized SortedMap<Integer, Long> nextOffsets() {
        SortedMap<Integer, Long> out = new TreeMap<>();
        held.forEach((p, h) -> out.put(p, h.next()));
        return out;
    }
}
