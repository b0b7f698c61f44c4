package io.weatherpipeline.windows.topology;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.weatherpipeline.windows.model.PartitionProgress;
import io.weatherpipeline.windows.model.PartitionWindow;
import io.weatherpipeline.windows.model.StationState;
import io.weatherpipeline.windows.model.StationStats;

/**
 * Compact binary forms of the values in the state stores and the closer's topic. A store value is
 * written at every reading (the stores' caches hold serialized bytes), so these are fixed-layout
 * buffers rather than JSON. Each form starts with a version byte, so a future layout can be told apart.
 */
public final class BinarySerdes {

    private static final byte VERSION = 1;
    private static final int STATS_BYTES = 8 + 8 + 8 + 8 + 4 + 4;

    public static final Serde<StationStats> STATION_STATS = Serdes.serdeFrom(
            (topic, s) -> s == null ? null : put(ByteBuffer.allocate(1 + STATS_BYTES).put(VERSION), s).array(),
            (topic, bytes) -> bytes == null ? null : read(bytes, b -> stats(b)));

    public static final Serde<StationState> STATION_STATE = Serdes.serdeFrom(
            (topic, st) -> st == null ? null : put(put(ByteBuffer.allocate(1 + 2 * STATS_BYTES + 8 + 8 + 4 + 8).put(VERSION),
                    st.soFar()).putLong(st.late()).putLong(st.windowId()), st.window()).putInt(st.yearMonth())
                    .putLong(st.yearMonthCount()).array(),
            (topic, bytes) -> bytes == null ? null : read(bytes, b -> new StationState(stats(b), b.getLong(), b.getLong(),
                    stats(b), b.getInt(), b.getLong())));

    public static final Serde<PartitionWindow> PARTITION_WINDOW = Serdes.serdeFrom(
            (topic, w) -> w == null ? null : put(ByteBuffer.allocate(1 + size(w)).put(VERSION), w).array(),
            (topic, bytes) -> bytes == null ? null : read(bytes, BinarySerdes::window));

    public static final Serde<PartitionProgress> PARTITION_PROGRESS = Serdes.serdeFrom(
            (topic, p) -> p == null ? null : progress(p),
            (topic, bytes) -> bytes == null ? null : read(bytes, BinarySerdes::progress));

    private BinarySerdes() {
    }

    private interface Reader<T> {
        T read(ByteBuffer b);
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            byte version = b.get();
            if (version != VERSION) {
                throw new SerializationException("unknown layout version " + version + " (this build reads " + VERSION + ")");
            }
            T value = reader.read(b);
            if (b.hasRemaining()) {
                throw new SerializationException(b.remaining() + " unexpected trailing byte(s)");
            }
            return value;
        } catch (BufferUnderflowException e) {
            throw new SerializationException("truncated value of " + bytes.length + " bytes", e);
        }
    }

    private static ByteBuffer put(ByteBuffer b, StationStats s) {
        return b.putLong(s.count()).putDouble(s.min()).putDouble(s.max()).putDouble(s.sum()).putInt(s.firstDay())
                .putInt(s.lastDay());
    }

    private static StationStats stats(ByteBuffer b) {
        return new StationStats(b.getLong(), b.getDouble(), b.getDouble(), b.getDouble(), b.getInt(), b.getInt());
    }

    private static int size(PartitionWindow w) {
        int n = 8 + 4 + 4;
        for (String station : w.stations().keySet()) {
            n += 2 + station.getBytes(StandardCharsets.UTF_8).length + STATS_BYTES;
        }
        return n;
    }

    private static ByteBuffer put(ByteBuffer b, PartitionWindow w) {
        b.putLong(w.windowId()).putInt(w.partition()).putInt(w.stations().size());
        w.stations().forEach((station, stats) -> {
            byte[] name = station.getBytes(StandardCharsets.UTF_8);
            if (name.length > 0xffff) {
                throw new SerializationException("station id of " + name.length + " bytes: at most 65535 fit");
            }
            b.putShort((short) name.length).put(name);
            put(b, stats);
        });
        return b;
    }

    private static PartitionWindow window(ByteBuffer b) {
        long id = b.getLong();
        int partition = b.getInt();
        int n = b.getInt();
        TreeMap<String, StationStats> stations = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byte[] name = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(name);
            stations.put(new String(name, StandardCharsets.UTF_8), stats(b));
        }
        return new PartitionWindow(id, partition, stations);
    }

    private static byte[] progress(PartitionProgress p) {
        int n = 1 + 4 + 8 + 4;
        for (PartitionWindow w : p.windows()) {
            n += size(w);
        }
        ByteBuffer b = ByteBuffer.allocate(n).put(VERSION).putInt(p.partition()).putLong(p.closedThrough())
                .putInt(p.windows().size());
        for (PartitionWindow w : p.windows()) {
            put(b, w);
        }
        return b.array();
    }

    private static PartitionProgress progress(ByteBuffer b) {
        int partition = b.getInt();
        long closedThrough = b.getLong();
        int n = b.getInt();
        List<PartitionWindow> windows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            windows.add(window(b));
        }
        return new PartitionProgress(partition, closedThrough, windows);
    }
}
