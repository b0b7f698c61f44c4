package io.weatherpipeline.consumer.writer;

import java.io.IOException;

/**
 * A step of writing a partition failed because a server or the local disk did not do what it needed;
 * {@link #what()} names it, its address and what it was needed for ("HDFS at hdfs://boss:9000/data to
 * write partition 2"), so the retry says what it waits for without reading the cause's text.
 */
public class UnavailableException extends IOException {

    private final String what;

    public UnavailableException(String what, Throwable cause) {
        super(what + ": " + (cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage()), cause);
        this.what = what;
    }

    /** The server or directory, its address, and what it was needed for. */
    public String what() {
        return what;
    }
}
