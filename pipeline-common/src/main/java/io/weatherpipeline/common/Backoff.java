package io.weatherpipeline.common;

import java.time.Duration;

/** Exponential pause between tries of something that failed; not thread-safe (one scheduled job uses it). */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration current = Duration.ZERO;
    private long notBefore;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** Whether a try is due at {@code nanoTime}. */
    public boolean mayTry(long nanoTime) {
        return current.isZero() || nanoTime - notBefore >= 0;
    }

    /** Records a failure at {@code nanoTime}; returns how long to wait before the next try. */
    public Duration failed(long nanoTime) {
        current = current.isZero() ? initial : min(current.multipliedBy(2), max);
        notBefore = nanoTime + current.toNanos();
        return current;
    }

    /** Records a success; true when it ends a run of failures. */
    public boolean succeeded() {
        boolean wasFailing = !current.isZero();
        current = Duration.ZERO;
        return wasFailing;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
