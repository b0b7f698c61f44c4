package io.weatherpipeline.windows.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.windows.model.PartitionProgress;
import io.weatherpipeline.windows.model.PartitionWindow;
import io.weatherpipeline.windows.model.StationState;
import io.weatherpipeline.windows.model.StationStats;

class BinarySerdesTest {

    private static final StationStats A = new StationStats(3, -1.5, 40.25, 17.0000001, 10957, 10959);
    private static final StationStats B = new StationStats(1, Double.MIN_VALUE, Double.MIN_VALUE, Double.MIN_VALUE, -5, -5);

    private static <T> T roundTrip(org.apache.kafka.common.serialization.Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void valuesComeBackBitForBit() {
        assertEquals(A, roundTrip(BinarySerdes.STATION_STATS, A));
        StationState st = new StationState(A, 3, 14_723_000L, B, 200_012, 17);
        assertEquals(st, roundTrip(BinarySerdes.STATION_STATE, st));
        StationState lateFirst = new StationState(B, 1, Long.MIN_VALUE, B, 199_901, 1);
        assertEquals(lateFirst, roundTrip(BinarySerdes.STATION_STATE, lateFirst));
        PartitionWindow w = PartitionWindow.of(14_723_000L, 3, Map.of("StationA", A, "Zürich-1", B));
        assertEquals(w, roundTrip(BinarySerdes.PARTITION_WINDOW, w));
        PartitionProgress p = new PartitionProgress(3, 14_723_001L, List.of(w, PartitionWindow.of(14_723_001L, 3, Map.of())));
        assertEquals(p, roundTrip(BinarySerdes.PARTITION_PROGRESS, p));
        PartitionProgress none = new PartitionProgress(0, -2, List.of());
        assertEquals(none, roundTrip(BinarySerdes.PARTITION_PROGRESS, none));
        assertEquals(null, BinarySerdes.STATION_STATS.deserializer().deserialize("t", null));
    }

    @Test
    void damagedBytesAreRefusedWithTheReason() {
        byte[] bytes = BinarySerdes.STATION_STATS.serializer().serialize("t", A);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertEquals("truncated value of 40 bytes", assertThrows(SerializationException.class,
                () -> BinarySerdes.STATION_STATS.deserializer().deserialize("t", truncated)).getMessage());
        bytes[0] = 9;
        assertEquals("unknown layout version 9 (this build reads 1)", assertThrows(SerializationException.class,
                () -> BinarySerdes.STATION_STATS.deserializer().deserialize("t", bytes)).getMessage());
    }
}
