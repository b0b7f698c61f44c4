package io.weatherpipeline.producer;

/** A server the tailer needs did not answer as needed; {@link #what()} names it and what it was needed for. */
class ServerUnavailableException extends RuntimeException {

    private final String what;

    /** @param what the server, its address and what for, e.g. "Kafka at k:9092 to commit rows 1..50" */
    ServerUnavailableException(String what, Throwable cause) {
        super(what + " (" + cause.getMessage() + ")", cause);
        this.what = what;
    }

    String what() {
        return what;
    }
}
