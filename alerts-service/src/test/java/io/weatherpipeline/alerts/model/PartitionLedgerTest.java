package io.weatherpipeline.alerts.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PartitionLedgerTest {

    /** Records of one partition at {@code offsets}; every offset divisible by 3 is an alert, by 5 poison. */
    static DecodedPoll.PartitionRecords records(int partition, long... offsets) {
        List<Alert> alerts = new ArrayList<>();
        List<Poison> poison = new ArrayList<>();
        for (long o : offsets) {
            if (o % 5 == 0) {
                poison.add(new Poison(partition, o, "bad"));
            } else if (o % 3 == 0) {
                alerts.add(new Alert("S" + partition, LocalDate.ofEpochDay(o), 31, 30, partition, o));
            }
        }
        return new DecodedPoll.PartitionRecords(partition, offsets, offsets[offsets.length - 1] + 1, alerts, poison);
    }

    static DecodedPoll poll(int generation, DecodedPoll.PartitionRecords... partitions) {
        return new DecodedPoll(generation, List.of(partitions));
    }

    @Test
    void aPartitionNotHeldIsNotStored() {
        PartitionLedger ledger = new PartitionLedger();
        assertTrue(ledger.plan(poll(3, records(0, 1, 2))).isEmpty());
    }

    @Test
    void fromTheStoredOffsetOnEverythingIsPlannedAndTheOffsetMovesPastTheLastRecord() {
        PartitionLedger ledger = new PartitionLedger();
        ledger.assigned(0, 3, 6);
        ledger.assigned(1, 3, PartitionLedger.FROM_BEGINNING);
        // 4 and 5 were read again after the seek (already stored); 8 follows a transaction marker at 7.
        CommitPlan plan = ledger.plan(poll(3, records(0, 4, 5, 6, 8, 9, 10), records(1, 0, 1, 2, 3)));
        assertEquals(2, plan.steps().size());
        CommitPlan.Step p0 = plan.steps().get(0);
        assertEquals(6, p0.expected());
        assertEquals(11, p0.next());
        assertEquals(4, p0.records());
        assertEquals(List.of(6L, 9L), p0.alerts().stream().map(Alert::offset).toList());
        assertEquals(List.of(10L), p0.poison().stream().map(Poison::offset).toList());
        CommitPlan.Step p1 = plan.steps().get(1);
        assertTrue(p1.firstForPartition());
        assertEquals(4, p1.next());
        assertEquals(List.of(3L), p1.alerts().stream().map(Alert::offset).toList());
        assertEquals(List.of(0L), p1.poison().stream().map(Poison::offset).toList());
        assertEquals(3, plan.alerts().size());
        assertEquals(8, plan.records());
        assertEquals(Set.of(0, 1), plan.partitions());

        assertTrue(ledger.holds(plan));
        ledger.committed(plan);
        ledger.ended(plan);
        assertTrue(plan.ended().isDone());
        assertEquals(Map.of(0, 11L, 1, 4L), ledger.nextOffsets());
        // The same records again (a stale copy, or read again after a seek): nothing to store.
        assertTrue(ledger.plan(poll(3, records(0, 8, 9, 10), records(1, 2, 3))).isEmpty());
    }

    @Test
    void theOffsetMovesPastTheMarkersTheConsumerSkipped() {
        PartitionLedger ledger = new PartitionLedger();
        ledger.assigned(0, 1, 0);
        DecodedPoll.PartitionRecords r = records(0, 0, 1, 2);
        CommitPlan plan = ledger.plan(poll(1, new DecodedPoll.PartitionRecords(0, r.offsets(), 4, r.alerts(), r.poison())));
        assertEquals(4, plan.steps().get(0).next(), "3 is the transaction's commit marker");
    }

    @Test
    void recordsFetchedBeforeTheLatestSeekAreIgnored() {
        PartitionLedger ledger = new PartitionLedger();
        ledger.assigned(0, 5, 100);
        assertTrue(ledger.plan(poll(4, records(0, 120, 121))).isEmpty(),
                "fetched in generation 4, before the seek of generation 5: a gap could hide before them");
        assertEquals(1, ledger.plan(poll(5, records(0, 100, 101))).steps().size());
    }

    @Test
    void oneTransactionAtATime() {
        PartitionLedger ledger = new PartitionLedger();
        ledger.assigned(0, 1, 0);
        CommitPlan plan = ledger.plan(poll(1, records(0, 0, 1)));
        assertThrows(IllegalStateException.class, () -> ledger.plan(poll(1, records(0, 2))));
        ledger.ended(plan);
        assertEquals(0, ledger.plan(poll(1, records(0, 0, 1))).steps().get(0).expected(),
                "a rolled-back plan leaves the offset where it was");
    }

    @Test
    void aRevocationReturnsThePlanInFlightAndFailsItsOwnershipCheck() {
        PartitionLedger ledger = new PartitionLedger();
        ledger.assigned(0, 1, 0);
        ledger.assigned(1, 1, 0);
        CommitPlan plan = ledger.plan(poll(1, records(0, 0, 1), records(1, 0)));
        assertTrue(ledger.revoked(List.of(2)).isEmpty(), "not a partition of the plan");
        assertTrue(ledger.holds(plan));
        assertEquals(plan, ledger.revoked(List.of(1)).orElseThrow());
        assertFalse(ledger.holds(plan), "revoked mid-poll: must not commit");
        ledger.ended(plan);
        assertTrue(ledger.revoked(List.of(0)).isEmpty(), "nothing in flight any more");
    }

    @Test
    void aPartitionRevokedAndAssignedAgainFailsTheOwnershipCheckOfAnOlderPlan() {
        PartitionLedger ledger = new PartitionLedger();
        ledger.assigned(0, 1, 0);
        CommitPlan plan = ledger.plan(poll(1, records(0, 0, 1)));
        ledger.revoked(List.of(0));
        ledger.assigned(0, 2, 0);
        assertFalse(ledger.holds(plan));
        // Only if the revocation stopped waiting for it can the older plan still commit; the table then
        // holds 2, and the records 0 and 1 the new seek reads again are skipped as stored.
        ledger.committed(plan);
        ledger.ended(plan);
        assertEquals(Map.of(0, 2L), ledger.nextOffsets());
        assertTrue(ledger.plan(poll(2, records(0, 0, 1))).isEmpty());
    }

    @Test
    void aCommitOfARevokedPartitionDoesNotBringItBack() {
        PartitionLedger ledger = new PartitionLedger();
        ledger.assigned(0, 1, 0);
        ledger.assigned(1, 1, 0);
        CommitPlan plan = ledger.plan(poll(1, records(0, 0), records(1, 0)));
        ledger.revoked(List.of(1));
        ledger.committed(plan);
        assertEquals(Map.of(0, 1L), ledger.nextOffsets());
    }

    @Test
    void afterAFailedCompareAndSetTheStoredOffsetDecides() {
        PartitionLedger ledger = new PartitionLedger();
        ledger.assigned(0, 1, 10);
        ledger.assigned(1, 1, 10);
        ledger.assigned(2, 1, PartitionLedger.FROM_BEGINNING);
        ledger.assigned(3, 1, 10);
        CommitPlan plan = ledger.plan(poll(1, records(0, 10, 11), records(1, 10, 11), records(2, 0, 1),
                records(3, 10)));
        ledger.ended(plan);
        // 0: untouched; 1: our earlier try committed (its answer was lost); 2: someone stored a row; 3: someone moved it.
        Set<Integer> fenced = ledger.reconcile(plan, Map.of(0, 10L, 1, 12L, 2, 5L, 3, 40L));
        assertEquals(Set.of(2, 3), fenced);
        assertEquals(Map.of(0, 10L, 1, 12L), ledger.nextOffsets());
        CommitPlan again = ledger.plan(poll(1, records(0, 10, 11), records(1, 10, 11), records(2, 0, 1), records(3, 10)));
        assertEquals(List.of(0), again.steps().stream().map(CommitPlan.Step::partition).toList(),
                "1 is already stored, 2 and 3 are no longer ours");
    }

    @Test
    void aStepMustMoveTheOffsetForward() {
        assertThrows(IllegalArgumentException.class, () -> new CommitPlan.Step(0, 5, 5, List.of(), List.of(), 0));
    }
}
