package io.weatherpipeline.common;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import org.jboss.logging.Logger;

/**
 * Errors that retrying cannot cure and a person must look at (a partition held by another live
 * instance, files that contradict each other, a damaged file). Logged, shown on readiness, and by
 * default the process exits with status {@link #EXIT_STATUS}, so an orchestrator shows the failure
 * instead of a silent stall. Only the first one counts. Thread-safe.
 */
public final class FatalErrors {

    /** Exit status of a fatal stop. */
    public static final int EXIT_STATUS = 2;

    private static final Logger LOG = Logger.getLogger(FatalErrors.class);

    private final AtomicReference<String> first = new AtomicReference<>();
    private final boolean exit;
    private final IntConsumer exiter;

    /**
     * @param exit whether a fatal error ends the process
     * @param exiter ends it with a status ({@code Quarkus::asyncExit} in a service)
     */
    public FatalErrors(boolean exit, IntConsumer exiter) {
        this.exit = exit;
        this.exiter = exiter;
    }

    public void stop(String message) {
        if (first.compareAndSet(null, message)) {
            LOG.errorf("Stopping: %s", message);
            if (exit) {
                exiter.accept(EXIT_STATUS);
            }
        }
    }

    /** The first fatal error, or null. */
    public String message() {
        return first.get();
    }
}
