package io.weatherpipeline.pinning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.pinning.ClaimArbiter.Claim;
import io.weatherpipeline.pinning.ClaimArbiter.Outcome;

/** The pinning rule: each member gets what it claims, no partition twice. */
class ClaimArbiterTest {

    private static Claim claim(String id, Set<Integer> claimed, Set<Integer> owned, long startedAt) {
        return new Claim(id, claimed, owned, startedAt, "client " + id);
    }

    @Test
    void everyMemberGetsExactlyWhatItClaims() {
        Map<String, Outcome> out = ClaimArbiter.assign("t", 4, List.of(
                claim("a", Set.of(0), Set.of(), 1), claim("b", Set.of(1, 3), Set.of(), 2), claim("c", Set.of(2), Set.of(), 3)));
        assertEquals(Set.of(0), out.get("a").partitions());
        assertEquals(Set.of(1, 3), out.get("b").partitions());
        assertEquals(Set.of(2), out.get("c").partitions());
        out.values().forEach(o -> assertEquals(List.of(), o.problems()));
    }

    @Test
    void theCurrentOwnerKeepsAContestedPartitionEvenIfItStartedLater() {
        Map<String, Outcome> out = ClaimArbiter.assign("t", 4, List.of(
                claim("old", Set.of(0), Set.of(0), 500), claim("new", Set.of(0, 1), Set.of(), 100)));
        assertEquals(Set.of(0), out.get("old").partitions());
        assertEquals(Set.of(1), out.get("new").partitions());
        assertEquals(1, out.get("new").problems().size());
        ClaimProblem problem = out.get("new").problems().get(0);
        assertEquals(new ClaimProblem(ClaimProblem.Kind.HELD_ELSEWHERE, 0,
                "partition 0 is held by another consumer of the group (client old)"), problem);
        assertFalse(out.get("new").onlyTransientProblems());
    }

    @Test
    void withoutAnOwnerTheFirstStartedWinsThenTheMemberId() {
        Map<String, Outcome> out = ClaimArbiter.assign("t", 4, List.of(
                claim("b", Set.of(2), Set.of(), 10), claim("a", Set.of(2), Set.of(), 20)));
        assertEquals(Set.of(2), out.get("b").partitions());
        assertEquals(Set.of(), out.get("a").partitions());
        Map<String, Outcome> tie = ClaimArbiter.assign("t", 4, List.of(
                claim("b", Set.of(2), Set.of(), 10), claim("a", Set.of(2), Set.of(), 10)));
        assertEquals(Set.of(2), tie.get("a").partitions());
    }

    @Test
    void aPartitionThatDoesNotExistIsReportedAndTheRestAssigned() {
        Map<String, Outcome> out = ClaimArbiter.assign("temperatures", 4, List.of(claim("a", Set.of(3, 7), Set.of(), 1)));
        assertEquals(Set.of(3), out.get("a").partitions());
        assertEquals(List.of(new ClaimProblem(ClaimProblem.Kind.NO_SUCH_PARTITION, 7,
                "partition 7 does not exist: topic temperatures has 4 partitions (0..3)")), out.get("a").problems());
    }

    @Test
    void aMissingTopicAssignsNothingAndSaysSo() {
        Map<String, Outcome> out = ClaimArbiter.assign("temperatures", -1, List.of(claim("a", Set.of(0, 1), Set.of(), 1)));
        assertEquals(Set.of(), out.get("a").partitions());
        assertEquals(List.of(new ClaimProblem(ClaimProblem.Kind.TOPIC_MISSING, -1, "topic temperatures does not exist yet")),
                out.get("a").problems());
        assertTrue(out.get("a").onlyTransientProblems());
    }

    @Test
    void aProblemSurvivesTheTripInTheAssignmentUserData() {
        for (ClaimProblem p : List.of(new ClaimProblem(ClaimProblem.Kind.TOPIC_MISSING, -1, "topic t does not exist yet"),
                new ClaimProblem(ClaimProblem.Kind.HELD_ELSEWHERE, 3, "partition 3 is held (client x on host: y)"))) {
            assertEquals(p, ClaimProblem.decode(p.encode()));
        }
    }

    @Test
    void unclaimedPartitionsStayUnassigned() {
        Map<String, Outcome> out = ClaimArbiter.assign("t", 4, List.of(claim("a", Set.of(1), Set.of(), 1)));
        assertEquals(Set.of(1), out.get("a").partitions());
    }
}
