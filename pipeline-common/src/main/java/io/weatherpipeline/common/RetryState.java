package io.weatherpipeline.common;

import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * What a job that needs a server does when a try fails: pause before the next try (growing, see
 * {@link Backoff}), say what it waits for (for readiness), and log once when that changes, not at
 * every try.
 *
 * <p>A wait is named by {@code what}: the server, its address and what it is needed for ("MySQL at
 * mysql://db:3306/weather to insert the next day(s)"). A failure naming the same thing as the one
 * before is logged at DEBUG only; a new {@code what} is logged at WARN, and the end of a wait at INFO.
 *
 * <p>Time comes in as a parameter ({@code System.nanoTime()}), so tests need no clock. One job calls
 * {@link #mayTry}, {@link #failed} and {@link #succeeded}, one call at a time (on any thread, as
 * long as each call happens after the one before); {@link #waitingFor()} may be read from any thread
 * (a readiness check).
 */
public final class RetryState {

    private final Logger log;
    private final Backoff backoff;
    private final String noLoss;
    private String what;
    private long waitingSince;
    private int failedTries;
    private volatile String waitingFor;

    /**
     * @param log where the state changes are written (the caller's logger, so they carry its category)
     * @param noLoss what a failure does not cost, ending every "Waiting for" line (e.g. "no day is
     *     skipped"), so a reader of the log knows whether to worry
     */
    public RetryState(Logger log, Duration initialPause, Duration maxPause, String noLoss) {
        this.log = log;
        this.backoff = new Backoff(initialPause, maxPause);
        this.noLoss = noLoss;
    }

    /** Whether the pause after the last failure is over at {@code nanoTime} (always true when none failed). */
    public boolean mayTry(long nanoTime) {
        return backoff.mayTry(nanoTime);
    }

    /**
     * Records a failed try.
     *
     * @param what the server, its address and what it is needed for; compared with the previous
     *     failure's to decide whether this is news
     * @param cause why the try failed; its message goes into the log and {@link #waitingFor()}
     * @return how long to wait before the next try
     */
    public Duration failed(long nanoTime, String what, Throwable cause) {
        Duration pause = backoff.failed(nanoTime);
        String detail = messageOf(cause);
        if (!what.equals(this.what)) {
            log.warnf("Waiting for %s: %s (next try in %d ms; %s)", what, detail, pause.toMillis(), noLoss);
            if (this.what == null) {
                waitingSince = nanoTime;
                failedTries = 0;
            }
            this.what = what;
        } else {
            log.debugf("Still waiting for %s: %s (next try in %d ms)", what, detail, pause.toMillis());
        }
        if (cause != null) {
            log.debugf(cause, "Failure while waiting for %s", what);
        }
        failedTries++;
        waitingFor = what + ": " + detail;
        return pause;
    }

    /**
     * Records a successful try.
     *
     * @param resuming what the job does now (e.g. "sending from row id 42"); asked only when the
     *     success ends a wait, to finish the INFO line that says so
     * @return true when this success ended a wait
     */
    public boolean succeeded(long nanoTime, Supplier<String> resuming) {
        backoff.succeeded();
        waitingFor = null;
        if (what == null) {
            return false;
        }
        log.infof("No longer waiting for %s (%d failed %s in %d s): %s", what, failedTries,
                failedTries == 1 ? "try" : "tries", Duration.ofNanos(nanoTime - waitingSince).toSeconds(),
                resuming.get());
        what = null;
        return true;
    }

    /** What the job waits for and the last failure's message, or null when the last try succeeded. */
    public String waitingFor() {
        return waitingFor;
    }

    private static String messageOf(Throwable cause) {
        if (cause == null) {
            return "no detail";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getName() : message;
    }
}
