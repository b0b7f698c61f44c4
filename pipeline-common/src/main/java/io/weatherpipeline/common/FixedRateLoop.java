package io.weatherpipeline.common;

import java.time.Duration;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Runs a step every {@code interval}, one at a time: ticks that come while a step still runs are
 * dropped, never queued (the {@code concurrentExecution = SKIP} of {@code @Scheduled}).
 *
 * <p>Used instead of {@code @Scheduled} because Quarkus' built-in scheduler checks its triggers
 * once a second ({@code SimpleScheduler.CHECK_PERIOD} = 1000 ms): a 100 ms interval would fire ten
 * times too slowly, and the Quartz scheduler is not available for this Quarkus version here.
 */
public final class FixedRateLoop {

    private FixedRateLoop() {
    }

    /**
     * Starts the loop. {@code step} should not fail (turn failures into a retry); if it does, the
     * loop stops and {@code onStop} is told why.
     */
    public static Cancellable start(Duration interval, Supplier<Uni<Void>> step,
            java.util.function.Consumer<Throwable> onStop) {
        return Multi.createFrom().ticks().every(interval)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> step.get())
                .subscribe().with(ignored -> {
                }, onStop);
    }
}
