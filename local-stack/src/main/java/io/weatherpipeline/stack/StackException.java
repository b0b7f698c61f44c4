package io.weatherpipeline.stack;

/** A server of the local stack could not be started or did not become ready; the message says which and where its log is. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
