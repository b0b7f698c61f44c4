package io.weatherpipeline.generator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.weatherpipeline.common.FixedRateLoop;
import io.smallrye.mutiny.subscription.Cancellable;

/** Drives {@link WeatherGenerator#tick()} every {@code generator.interval} (see {@link FixedRateLoop}). */
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
        ticking = FixedRateLoop.start(config.interval(), generator::tick,
                failure -> LOG.error("The simulation clock stopped", failure));
        LOG.infof("Simulation clock ticking every %d ms", config.interval().toMillis());
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticking != null) {
            ticking.cancel();
        }
    }
}
