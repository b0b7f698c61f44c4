package io.weatherpipeline.stats;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;

/**
 * Errors that retrying cannot cure and a person must look at (a damaged statistics file, a partition
 * held by another live instance). Logged, shown on readiness, and by default the process exits with
 * status 2, so an orchestrator shows the failure instead of a silent stall. Nothing is lost: no file
 * moved past anything uncounted.
 */
@ApplicationScoped
public class FatalErrors {

    /** Exit status of a fatal stop. */
    public static final int EXIT_STATUS = 2;

    private static final Logger LOG = Logger.getLogger(FatalErrors.class);

    private final AtomicReference<String> first = new AtomicReference<>();
    private final boolean exit;

    FatalErrors(StatsConfig config) {
        this.exit = config.exitOnFatal();
    }

    public void stop(String message) {
        if (first.compareAndSet(null, message)) {
            LOG.errorf("Stopping: %s", message);
            if (exit) {
                Quarkus.asyncExit(EXIT_STATUS);
            }
        }
    }

    /** The first fatal error, or null. */
    public String message() {
        return first.get();
    }
}
