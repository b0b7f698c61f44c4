package io.weatherpipeline.consumer.writer;

import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;

/**
 * Errors that retrying cannot cure and a person must look at (a partition held by another live
 * consumer, batch files that contradict the checkpoint). Logged, shown on readiness, and by default
 * the process exits with status 2, so an orchestrator shows the failure instead of a silent stall.
 * Nothing is lost: the checkpoint has not moved past anything unwritten.
 */
public class FatalErrors {

    /** Exit status of a fatal stop. */
    public static final int EXIT_STATUS = 2;

    private static final Logger LOG = Logger.getLogger(FatalErrors.class);

    private final AtomicReference<String> first = new AtomicReference<>();
    private final boolean exit;

    /** @param exit whether a fatal error ends the process (status {@link #EXIT_STATUS}) */
    public FatalErrors(boolean exit) {
        this.exit = exit;
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
