package io.weatherpipeline.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.weatherpipeline.pinning.ClaimWatch;

/**
 * Once a second, on the scheduler's thread: writes the files of partitions that went quiet with
 * uncounted changes, and checks that the claimed partitions are held. At shutdown, writes what is left.
 */
@ApplicationScoped
public class StatsTimer {

    private final StatsWriter writer;
    private final ClaimWatch claims;

    StatsTimer(StatsWriter writer, ClaimWatch claims) {
        this.writer = writer;
        this.claims = claims;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        writer.flushDue();
        claims.check(System.nanoTime());
    }

    void stop(@Observes ShutdownEvent event) {
        writer.flushAll();
    }
}
