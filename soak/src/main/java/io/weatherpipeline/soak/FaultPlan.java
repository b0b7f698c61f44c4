package io.weatherpipeline.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * When each fault of a soak happens: {@code kills} kill -9s spread evenly over the services (each
 * service in turn, in an order shuffled by the seed) at random moments of their slot, and the three
 * server faults (MariaDB restart, one broker lost, one DataNode lost) at a quarter, half and three
 * quarters of the run. The first and last tenth stay quiet: the pipeline starts up, and drains at the
 * end. Pure: the same seed gives the same plan.
 */
public final class FaultPlan {

    /** The kinds of fault. */
    public enum Kind {
        KILL_SERVICE, RESTART_MARIADB, KILL_BROKER, KILL_DATANODE
    }

    /**
     * One fault.
     *
     * @param at when, from the start of the run
     * @param target the service's name, or the server
     */
    public record Fault(Duration at, Kind kind, String target) {
    }

    private FaultPlan() {
    }

    public static List<Fault> of(Duration run, int kills, List<String> services, long seed) {
        if (kills < 0 || services.isEmpty() || run.isNegative() || run.isZero()) {
            throw new IllegalArgumentException("a soak needs a positive time, services and kills >= 0");
        }
        Random random = new Random(seed);
        long start = run.toMillis() / 10;
        long span = run.toMillis() * 8 / 10;
        List<String> order = new ArrayList<>(services);
        java.util.Collections.shuffle(order, random);
        List<Fault> plan = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            long slot = span / Math.max(1, kills);
            long at = start + i * slot + (long) (random.nextDouble() * slot);
            plan.add(new Fault(Duration.ofMillis(at), Kind.KILL_SERVICE, order.get(i % order.size())));
        }
        plan.add(new Fault(Duration.ofMillis(start + span / 4), Kind.RESTART_MARIADB, "mariadb"));
        plan.add(new Fault(Duration.ofMillis(start + span / 2), Kind.KILL_BROKER, "kafka-2"));
        plan.add(new Fault(Duration.ofMillis(start + span * 3 / 4), Kind.KILL_DATANODE, "datanode-2"));
        plan.sort(Comparator.comparing(Fault::at));
        return List.copyOf(plan);
    }
}
