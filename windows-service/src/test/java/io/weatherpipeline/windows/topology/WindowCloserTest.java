package io.weatherpipeline.windows.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.windows.model.PartitionProgress;
import io.weatherpipeline.windows.model.PartitionWindow;
import io.weatherpipeline.windows.model.StationStats;
import io.weatherpipeline.windows.model.WindowFile;
import io.weatherpipeline.windows.model.WindowIds;

/** The closer alone, with several input partitions (which a TopologyTestDriver cannot feed). */
class WindowCloserTest {

    private static final WindowIds IDS = new WindowIds(10_000, 1_000);

    private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    private final KeyValueStore<Long, String> closed = store(WindowsTopology.CLOSED_WINDOWS, Serdes.Long(), Serdes.String());
    private final List<WindowFile> events = new ArrayList<>();

    private <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
        KeyValueStore<K, V> s = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().build();
        s.init(context.getStateStoreContext(), s);
        context.addStateStore(s);
        return s;
    }

    private WindowCloser closer(int partitions, long retained) {
        store(WindowsTopology.FRONTIERS, Serdes.Integer(), Serdes.Long());
        store(WindowsTopology.PENDING, Serdes.Long(), BinarySerdes.PARTITION_WINDOW);
        WindowCloser c = new WindowCloser(IDS, partitions, retained, new TopologyEvents() {
            @Override
            public void poison(String topic, int partition, long offset, String reason) {
            }

            @Override
            public void late(int partition, long offset, String station, long timestampMs, long windowId) {
            }

            @Override
            public void closed(WindowFile window) {
                events.add(window);
            }
        });
        c.init(context);
        return c;
    }

    private static Record<Integer, PartitionProgress> progress(int p, long closedThrough, PartitionWindow... parts) {
        return new Record<>(p, new PartitionProgress(p, closedThrough, List.of(parts)), 0);
    }

    private static PartitionWindow part(long id, int p, String station, double... degrees) {
        StationStats s = null;
        for (double d : degrees) {
            s = s == null ? StationStats.of(d, 100) : s.plus(d, 101);
        }
        return PartitionWindow.of(id, p, Map.of(station, s));
    }

    @Test
    void aWindowClosesOnlyWhenEveryPartitionHasClosedIt() {
        WindowCloser c = closer(3, 100);
        c.process(progress(0, 4, part(3, 0, "A", 1, 2), part(4, 0, "A", 3)));
        c.process(progress(1, 5, part(4, 1, "B", 10)));
        assertNull(closed.get(3L), "partition 2 has not reported: nothing closes");
        c.process(progress(2, 3));
        assertEquals(WindowFile.assemble(IDS, 3, 3, List.of(part(3, 0, "A", 1, 2))).toJson(), closed.get(3L));
        assertNull(closed.get(4L), "partition 2 is only past window 3");
        c.process(progress(2, 9, part(4, 2, "C", 7, 8, 9)));
        WindowFile four = events.get(1);
        assertEquals(4, four.id());
        assertEquals(Map.of(0, 1L, 1, 1L, 2, 3L), four.partitions());
        assertEquals(four.toJson(), closed.get(4L));
        assertEquals(2, events.size(), "windows 5..9 had no readings: no file");
    }

    @Test
    void theResultDoesNotDependOnTheOrderPartitionsReport() {
        List<Record<Integer, PartitionProgress>> messages = new ArrayList<>(List.of(
                progress(0, 1, part(0, 0, "A", 1.1, 2.2, 3.3), part(1, 0, "A", 4.4)),
                progress(1, 0, part(0, 1, "B", 0.1)),
                progress(1, 2, part(1, 1, "B", 0.2, 0.3), part(2, 1, "B", 0.4)),
                progress(2, 2, part(1, 2, "C", 9)),
                progress(0, 3, part(2, 0, "A", 5.5))));
        String expected = null;
        Random random = new Random(544);
        for (int round = 0; round < 10; round++) {
            WindowCloserTest fresh = new WindowCloserTest();
            WindowCloser c = fresh.closer(3, 100);
            // One partition's messages keep their order (they share a topic partition); partitions interleave.
            List<Record<Integer, PartitionProgress>> shuffled = interleave(messages, random);
            shuffled.forEach(c::process);
            String all = fresh.closed.get(0L) + fresh.closed.get(1L) + fresh.closed.get(2L);
            if (expected == null) {
                expected = all;
            }
            assertEquals(expected, all, "round " + round + ": " + shuffled);
        }
    }

    private static List<Record<Integer, PartitionProgress>> interleave(List<Record<Integer, PartitionProgress>> in, Random r) {
        List<Integer> order = new ArrayList<>();
        in.forEach(m -> order.add(m.key()));
        Collections.shuffle(order, r);
        List<Record<Integer, PartitionProgress>> out = new ArrayList<>();
        List<Record<Integer, PartitionProgress>> left = new ArrayList<>(in);
        for (int p : order) {
            for (int i = 0; i < left.size(); i++) {
                if (left.get(i).key() == p) {
                    out.add(left.remove(i));
                    break;
                }
            }
        }
        return out;
    }

    @Test
    void oldClosedWindowsLeaveTheStore() {
        WindowCloser c = closer(1, 3);
        for (long id = 0; id < 6; id++) {
            c.process(progress(0, id, part(id, 0, "A", id)));
        }
        assertNull(closed.get(2L));
        assertEquals(List.of(3L, 4L, 5L), List.of(3L, 4L, 5L).stream().filter(id -> closed.get(id) != null).toList());
    }

    @Test
    void aPartitionBeyondTheTopicIsAnError() {
        WindowCloser c = closer(2, 10);
        assertThrows(IllegalStateException.class, () -> c.process(progress(2, 1)));
    }
}
