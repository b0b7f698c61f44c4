package io.weatherpipeline.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

class FixedRateLoopTest {

    @Test
    void neverRunsTwoStepsAtOnceAndKeepsTicking() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger steps = new AtomicInteger();
        Cancellable loop = FixedRateLoop.start(Duration.ofMillis(5), () -> Uni.createFrom().voidItem()
                .invoke(() -> maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max))
                .onItem().delayIt().by(Duration.ofMillis(30))
                .invoke(() -> {
                    running.decrementAndGet();
                    steps.incrementAndGet();
                }), e -> {
                });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (steps.get() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        loop.cancel();
        assertTrue(steps.get() >= 5, "steps: " + steps.get());
        assertEquals(1, maxRunning.get(), "steps overlapped");
    }
}
