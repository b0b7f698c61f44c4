package io.weatherpipeline.generator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Drives {@link WeatherGenerator#tick()} every {@code generator.interval}, one tick at a time:
 * ticks that come while the previous one still runs are dropped (skipped), never queued.
 *
 * <p>Not {@code @Scheduled}: Quarkus' built-in scheduler checks its triggers once a second
 * ({@code SimpleScheduler.CHECK_PERIOD} = 1000 ms), so a 100 ms interval would fire ten times too
 * slowly, and the Quartz scheduler (which has millisecond triggers) is not available for this
 * Quarkus version here. A Mutiny ticks stream keeps the interval exact.
 */
@ApplicationScoped
public class SimulationClock {

    private static final Logger LOG = Logger.getLogger(SimulationClock.class);

    private final WeatherGenerator generator;
    private final GeneratorConfig config;
    private Cancellable ticking;

    SimulationClock(WeatherGenerator generator, GeneratorConfig config) {
        this.generator = generator;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        ticking = Multi.createFrom().ticks().every(config.interval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> generator.tick())
                .subscribe().with(
                        ignored -> {
                        },
                        failure -> LOG.error("The simulation clock stopped", failure));
        LOG.infof("Simulation clock ticking every %d ms", config.interval().toMillis());
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticking != null) {
            ticking.cancel();
        }
    }
}
