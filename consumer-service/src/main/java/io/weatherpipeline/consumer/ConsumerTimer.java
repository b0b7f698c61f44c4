package io.weatherpipeline.consumer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.weatherpipeline.common.Threads;
import io.weatherpipeline.consumer.writer.PartitionWriters;
import io.weatherpipeline.pinning.ClaimWatch;

/**
 * Every 200 ms, on its own thread: writes buffers that reached {@code consumer.flush.max-age} (so a
 * quiet partition is flushed even when no record arrives) and checks that the claimed partitions
 * are really held ({@link ClaimWatch}).
 */
@ApplicationScoped
public class ConsumerTimer {

    private static final Logger LOG = Logger.getLogger(ConsumerTimer.class);

    private final PartitionWriters writers;
    private final ClaimWatch claims;
    private ScheduledExecutorService timer;

    ConsumerTimer(PartitionWriters writers, ClaimWatch claims) {
        this.writers = writers;
        this.claims = claims;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("consumer-flush-timer"));
        timer.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            writers.flushDue();
            claims.check(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.error("Flush timer tick failed (it keeps running)", e);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        writers.stop();
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
