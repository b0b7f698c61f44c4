package io.weatherpipeline.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class IdGapTrackerTest {

    private static final long SECOND = 1_000_000_000L;
    private final IdGapTracker tracker = new IdGapTracker(Duration.ofSeconds(5));

    @Test
    void contiguousIdsAreAllAccepted() {
        IdGapTracker.Decision d = tracker.decide(10, List.of(11L, 12L, 13L), 0);
        assertEquals(3, d.accepted());
        assertTrue(d.skipped().isEmpty());
        assertNull(d.waitingFor());
    }

    @Test
    void nothingNewIsEmpty() {
        assertTrue(tracker.decide(10, List.of(), 0).isEmpty());
    }

    @Test
    void stopsAtAGapUntilTheMissingIdCommits() {
        // 100 is still in an open transaction; 101 and 102 are already committed.
        IdGapTracker.Decision first = tracker.decide(99, List.of(101L, 102L), 0);
        assertEquals(0, first.accepted());
        assertEquals(100L, first.waitingFor());
        IdGapTracker.Decision later = tracker.decide(99, List.of(100L, 101L, 102L), 2 * SECOND);
        assertEquals(3, later.accepted());
        assertTrue(later.skipped().isEmpty());
    }

    @Test
    void sendsTheRowsBeforeTheGapAndHoldsTheRest() {
        IdGapTracker.Decision d = tracker.decide(0, List.of(1L, 2L, 4L, 5L), 0);
        assertEquals(2, d.accepted());
        assertEquals(3L, d.waitingFor());
    }

    @Test
    void givesUpAMissingIdAfterTheGracePeriod() {
        tracker.decide(99, List.of(101L), 0);
        assertEquals(0, tracker.decide(99, List.of(101L), 4 * SECOND).accepted());
        IdGapTracker.Decision d = tracker.decide(99, List.of(101L, 102L), 5 * SECOND);
        assertEquals(2, d.accepted());
        assertEquals(List.of(new IdGapTracker.IdRange(100, 100)), d.skipped());
    }

    @Test
    void eachMissingIdHasItsOwnClock() {
        tracker.decide(0, List.of(2L), 0);                  // 1 missing since t=0
        tracker.decide(0, List.of(2L, 4L), 3 * SECOND);     // 3 missing since t=3, though 1 still blocks
        IdGapTracker.Decision d = tracker.decide(0, List.of(2L, 4L), 6 * SECOND);
        assertEquals(1, d.accepted(), "1 expired, 3 not yet");
        assertEquals(List.of(new IdGapTracker.IdRange(1, 1)), d.skipped());
        assertEquals(3L, d.waitingFor());
        IdGapTracker.Decision e = tracker.decide(2, List.of(4L), 8 * SECOND);
        assertEquals(1, e.accepted());
        assertEquals(List.of(new IdGapTracker.IdRange(3, 3)), e.skipped());
    }

    @Test
    void aPartlyFilledGapWaitsAgainRatherThanGivingUpEarly() {
        tracker.decide(0, List.of(4L), 0);                         // 1..3 missing since 0
        IdGapTracker.Decision d = tracker.decide(0, List.of(1L, 4L), 4 * SECOND);
        assertEquals(1, d.accepted());
        assertEquals(2L, d.waitingFor());
        assertEquals(0, tracker.decide(1, List.of(4L), 6 * SECOND).accepted(), "2..3 has its own clock from t=4");
        assertEquals("[2..3]", tracker.decide(1, List.of(4L), 9 * SECOND).skipped().toString());
    }

    @Test
    void aHugeJumpInIdsCostsOneClockNotOnePerId() {
        IdGapTracker.Decision d = tracker.decide(0, List.of(1L, 5_000_000L), 0);
        assertEquals(1, d.accepted());
        assertEquals(2L, d.waitingFor());
        assertEquals("[2..4999999]", tracker.decide(1, List.of(5_000_000L), 5 * SECOND).skipped().toString());
    }

    @Test
    void aWideGapWaitsForEveryMissingId() {
        IdGapTracker.Decision d = tracker.decide(0, List.of(4L), 0);
        assertEquals(1L, d.waitingFor());
        IdGapTracker.Decision e = tracker.decide(0, List.of(4L), 5 * SECOND);
        assertEquals(List.of(new IdGapTracker.IdRange(1, 3)), e.skipped());
    }

    @Test
    void idsMustAscendPastTheWatermark() {
        assertThrows(IllegalArgumentException.class, () -> tracker.decide(10, List.of(10L), 0));
        assertThrows(IllegalArgumentException.class, () -> tracker.decide(10, List.of(12L, 11L), 0));
    }
}
