package io.weatherpipeline.windows.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Window arithmetic: tumbling windows of {@code sizeMs} on record timestamps, window {@code id} =
 * start / size (so ids are stable across restarts and instances), and when a window is closed: once
 * the stream time has reached its end plus {@code graceMs} (Kafka Streams' own rule for windowed
 * aggregations).
 */
public record WindowIds(long sizeMs, long graceMs) {

    public WindowIds {
        if (sizeMs <= 0) {
            throw new IllegalArgumentException("windows.size must be positive, is " + sizeMs + " ms");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("windows.grace must not be negative, is " + graceMs + " ms");
        }
    }

    public static WindowIds of(Duration size, Duration grace) {
        return new WindowIds(size.toMillis(), grace.toMillis());
    }

    /** The window holding {@code timestampMs}. */
    public long id(long timestampMs) {
        return Math.floorDiv(timestampMs, sizeMs);
    }

    public long startMs(long id) {
        return id * sizeMs;
    }

    /** Exclusive end. */
    public long endMs(long id) {
        return startMs(id) + sizeMs;
    }

    public Instant start(long id) {
        return Instant.ofEpochMilli(startMs(id));
    }

    public Instant end(long id) {
        return Instant.ofEpochMilli(endMs(id));
    }

    /** Whether window {@code id} is closed at {@code streamTimeMs}: its end + grace has been reached. */
    public boolean isClosed(long id, long streamTimeMs) {
        return endMs(id) + graceMs <= streamTimeMs;
    }

    /** The largest id closed at {@code streamTimeMs} (every smaller id is closed too). */
    public long lastClosed(long streamTimeMs) {
        return Math.floorDiv(streamTimeMs - graceMs, sizeMs) - 1;
    }
}
