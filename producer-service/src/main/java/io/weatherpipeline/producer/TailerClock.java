package io.weatherpipeline.producer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.weatherpipeline.common.FixedRateLoop;
import io.smallrye.mutiny.subscription.Cancellable;

/** Polls every {@code producer.interval}, one poll at a time (see {@link FixedRateLoop}). */
@ApplicationScoped
public class TailerClock {

    private static final Logger LOG = Logger.getLogger(TailerClock.class);

    private final TemperatureTailer tailer;
    private final TailerConfig config;
    private Cancellable ticking;

    TailerClock(TemperatureTailer tailer, TailerConfig config) {
        this.tailer = tailer;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        ticking = FixedRateLoop.start(config.interval(), tailer::tick,
                failure -> LOG.error("The tailer clock stopped", failure));
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticking != null) {
            ticking.cancel();
        }
    }
}
