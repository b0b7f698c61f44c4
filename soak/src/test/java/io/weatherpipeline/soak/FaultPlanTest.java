package io.weatherpipeline.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.soak.FaultPlan.Fault;
import io.weatherpipeline.soak.FaultPlan.Kind;

class FaultPlanTest {

    private static final List<String> SERVICES = List.of("generator", "producer", "consumer", "debug", "stats");

    @Test
    void killsAreSpreadOverEveryServiceInsideTheQuietEnds() {
        Duration run = Duration.ofMinutes(20);
        List<Fault> plan = FaultPlan.of(run, 100, SERVICES, 7);
        Map<String, Long> perService = plan.stream().filter(f -> f.kind() == Kind.KILL_SERVICE)
                .collect(Collectors.groupingBy(Fault::target, Collectors.counting()));
        assertEquals(SERVICES.size(), perService.size());
        perService.values().forEach(n -> assertEquals(20L, n));
        for (Fault f : plan) {
            assertTrue(f.at().compareTo(run.dividedBy(10)) >= 0 && f.at().compareTo(run.multipliedBy(9).dividedBy(10)) <= 0,
                    f.toString());
        }
        for (int i = 1; i < plan.size(); i++) {
            assertTrue(plan.get(i - 1).at().compareTo(plan.get(i).at()) <= 0, "sorted by time");
        }
    }

    @Test
    void everyServerFaultHappensOnce() {
        List<Fault> plan = FaultPlan.of(Duration.ofMinutes(3), 20, SERVICES, 1);
        for (Kind k : List.of(Kind.RESTART_MARIADB, Kind.KILL_BROKER, Kind.KILL_DATANODE)) {
            assertEquals(1, plan.stream().filter(f -> f.kind() == k).count(), k.toString());
        }
        assertEquals(23, plan.size());
    }

    @Test
    void theSameSeedGivesTheSamePlan() {
        assertEquals(FaultPlan.of(Duration.ofMinutes(3), 20, SERVICES, 42), FaultPlan.of(Duration.ofMinutes(3), 20, SERVICES, 42));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.of(Duration.ZERO, 1, SERVICES, 1));
    }
}
