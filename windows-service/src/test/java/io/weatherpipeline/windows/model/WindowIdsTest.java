package io.weatherpipeline.windows.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.junit.jupiter.api.Test;

class WindowIdsTest {

    private final WindowIds twoMinutes = WindowIds.of(Duration.ofMinutes(2), Duration.ofSeconds(5));

    @Test
    void idIsStartDividedBySize() {
        long t = Instant.parse("2026-11-29T10:03:59.999Z").toEpochMilli();
        long id = twoMinutes.id(t);
        assertEquals(Instant.parse("2026-11-29T10:02:00Z"), twoMinutes.start(id));
        assertEquals(Instant.parse("2026-11-29T10:04:00Z"), twoMinutes.end(id));
        assertEquals(twoMinutes.startMs(id) / 120_000, id);
        assertEquals(id + 1, twoMinutes.id(t + 1), "the end is exclusive");
        assertEquals(0, twoMinutes.id(0));
        assertEquals(0, twoMinutes.id(119_999));
    }

    @Test
    void agreesWithKafkaStreamsTumblingWindows() {
        TimeWindows engine = TimeWindows.ofSizeAndGrace(Duration.ofSeconds(7), Duration.ofSeconds(2));
        WindowIds ours = WindowIds.of(Duration.ofSeconds(7), Duration.ofSeconds(2));
        Random random = new Random(544);
        for (int i = 0; i < 10_000; i++) {
            long t = (long) (random.nextDouble() * 2_000_000_000_000L);
            Map<Long, TimeWindow> windows = engine.windowsFor(t);
            assertEquals(1, windows.size());
            TimeWindow w = windows.values().iterator().next();
            long id = ours.id(t);
            assertEquals(w.start(), ours.startMs(id), "start at " + t);
            assertEquals(w.end(), ours.endMs(id), "end at " + t);
            assertEquals(engine.gracePeriodMs(), ours.graceMs());
        }
    }

    @Test
    void aWindowClosesWhenStreamTimeReachesEndPlusGrace() {
        WindowIds ids = new WindowIds(10_000, 2_000);
        assertFalse(ids.isClosed(0, 11_999));
        assertTrue(ids.isClosed(0, 12_000));
        assertEquals(-1, ids.lastClosed(11_999));
        assertEquals(0, ids.lastClosed(12_000));
        assertEquals(0, ids.lastClosed(21_999));
        assertEquals(1, ids.lastClosed(22_000));
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long streamTime = (long) (random.nextDouble() * 1e12);
            long last = ids.lastClosed(streamTime);
            assertTrue(ids.isClosed(last, streamTime), "last closed at " + streamTime);
            assertFalse(ids.isClosed(last + 1, streamTime), "next one open at " + streamTime);
        }
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new WindowIds(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new WindowIds(1000, -1));
    }
}
