package io.weatherpipeline.windows;

/** Part of the state cannot be read right now (rebalancing, an instance gone); the message says which and why. */
public class Unavailable extends RuntimeException {

    public Unavailable(String message) {
        super(message);
    }
}
