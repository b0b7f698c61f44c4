package io.weatherpipeline.stack;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits until a server answers, with a growing pause between tries, and fails with one clear line
 * when it exits first or does not answer in time.
 */
public final class Readiness {

    private Readiness() {
    }

    /**
     * Polls {@code check} until it returns null (ready). A non-null result says what is still
     * missing and ends up in the time-out message.
     */
    public static void await(ManagedProcess process, String waitingFor, Duration timeout, Supplier<String> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 100;
        String missing = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw new StackException(process.name() + " exited with code " + process.exitCode()
                        + " before it was ready; see its log " + process.logFile());
            }
            try {
                missing = check.get();
            } catch (RuntimeException e) {
                missing = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (missing == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(process.name() + " did not become ready within " + timeout.toSeconds()
                        + " s (waiting for " + waitingFor + "; last: " + missing + "); see its log "
                        + process.logFile());
            }
            sleep(pause);
            pause = Math.min(pause * 2, 1000);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting", e);
        }
    }
}
