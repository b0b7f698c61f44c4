package io.weatherpipeline.dashboard;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.weatherpipeline.dashboard.client.Failures;
import io.weatherpipeline.dashboard.view.Outcome;

/**
 * One source of the page (a service's readiness, the stations, the topic's offsets, ...): the outcome of
 * its latest fetch, and at most one fetch in flight, so a component that hangs costs one pending call,
 * not one per refresh, and never delays another source.
 *
 * <p>Thread model: {@link #refresh} is called by the refresher's thread; the fetch completes on whichever
 * thread its client uses (Vert.x event loop, Kafka admin thread), which replaces the outcome (an
 * immutable record) atomically. {@link #latest} may be read from any thread.
 */
final class Slot<T> {

    private final AtomicReference<Outcome<T>> latest = new AtomicReference<>(Outcome.pending());
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Duration timeout;
    private final LongSupplier clock;

    Slot(Duration timeout, LongSupplier clock) {
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Starts {@code fetch} unless the previous one is still running; the future ends when the outcome is stored. */
    CompletableFuture<Void> refresh(Supplier<Uni<T>> fetch) {
        if (!busy.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        Uni<T> call;
        try {
            call = fetch.get();
        } catch (RuntimeException e) {
            call = Uni.createFrom().failure(e);
        }
        return call.ifNoItem().after(timeout).fail()
                .subscribeAsCompletionStage()
                .handle((value, failure) -> {
                    long now = clock.getAsLong();
                    latest.updateAndGet(old -> failure == null ? Outcome.ok(value, now)
                            : old.failed(Failures.describe(failure, timeout), now));
                    busy.set(false);
                    return (Void) null;
                })
                .toCompletableFuture();
    }

    Outcome<T> latest() {
        return latest.get();
    }
}
