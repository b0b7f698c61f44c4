package io.weatherpipeline.dashboard.client;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;

/** Says in a few words why a call to another component failed, for the page. Pure. */
public final class Failures {

    private Failures() {
    }

    /** An answer with an error status: its text is what the page shows. */
    public static final class HttpStatusException extends RuntimeException {
        private final int status;

        public HttpStatusException(int status, String text) {
            super("HTTP " + status + ": " + text);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The reason of {@code failure} (a call that waited at most {@code timeout}), without stack or class names when avoidable. */
    public static String describe(Throwable failure, Duration timeout) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.smallrye.mutiny.TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return "no answer within " + timeout.toMillis() + " ms";
            }
            if (t instanceof ConnectException) {
                return "not running (connection refused)";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof HttpStatusException || t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
            if (t.getCause() == null || t.getCause() == t) {
                String m = t.getMessage();
                return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
            }
        }
        return "failed";
    }
}
