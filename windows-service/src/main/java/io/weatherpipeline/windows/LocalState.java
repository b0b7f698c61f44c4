package io.weatherpipeline.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import io.weatherpipeline.windows.model.CloserState;
import io.weatherpipeline.windows.model.PartitionState;
import io.weatherpipeline.windows.model.PartitionTotals;
import io.weatherpipeline.windows.model.PartitionWindow;
import io.weatherpipeline.windows.model.StationState;
import io.weatherpipeline.windows.model.StationStats;
import io.weatherpipeline.windows.model.WindowIds;
import io.weatherpipeline.windows.topology.WindowsTopology;

/**
 * Reads this instance's own state stores (interactive queries): the partitions whose tasks run here,
 * and the window closer when its task runs here. Active tasks only, never standby copies. Under
 * exactly-once these reads may include what the current transaction has not committed yet; a crash
 * before the commit can make a count step back until the records are processed again.
 */
final class LocalState {

    private LocalState() {
    }

    /** Input partitions of {@code topic} whose tasks run on this instance, as Kafka Streams says. */
    static TreeSet<Integer> activePartitions(KafkaStreams streams, String topic) {
        TreeSet<Integer> out = new TreeSet<>();
        if (streams == null) {
            return out;
        }
        Set<ThreadMetadata> threads;
        try {
            threads = streams.metadataForLocalThreads();
        } catch (IllegalStateException notRunning) {
            return out; // created, stopping or failed: no partitions here
        }
        for (ThreadMetadata t : threads) {
            for (TaskMetadata task : t.activeTasks()) {
                for (TopicPartition tp : task.topicPartitions()) {
                    if (tp.topic().equals(topic)) {
                        out.add(tp.partition());
                    }
                }
            }
        }
        return out;
    }

    /** Whether the window closer's task runs here (active), as Kafka Streams says. */
    static boolean hostsCloser(KafkaStreams streams) {
        if (streams == null) {
            return false;
        }
        try {
            for (ThreadMetadata t : streams.metadataForLocalThreads()) {
                for (TaskMetadata task : t.activeTasks()) {
                    for (TopicPartition tp : task.topicPartitions()) {
                        if (tp.topic().endsWith("-" + WindowsTopology.CLOSER_TOPIC + "-repartition")) {
                            return true;
                        }
                    }
                }
            }
        } catch (IllegalStateException notRunning) {
            return false;
        }
        return false;
    }

    /** The state of every input partition whose task runs here and whose stores can be read now. */
    static List<PartitionState> partitions(KafkaStreams streams, String topic, WindowIds ids) {
        List<PartitionState> out = new ArrayList<>();
        for (int p : activePartitions(streams, topic)) {
            try {
                out.add(partition(streams, p, ids));
            } catch (InvalidStateStoreException e) {
                // moving or being restored: not answered by this instance now
            }
        }
        return out;
    }

    private static PartitionState partition(KafkaStreams streams, int p, WindowIds ids) {
        ReadOnlyKeyValueStore<String, StationState> stations = streams.store(StoreQueryParameters.fromNameAndType(
                WindowsTopology.STATIONS, QueryableStoreTypes.<String, StationState>keyValueStore()).withPartition(p));
        ReadOnlyKeyValueStore<Integer, Long> yearMonths = streams.store(StoreQueryParameters.fromNameAndType(
                WindowsTopology.YEAR_MONTHS, QueryableStoreTypes.<Integer, Long>keyValueStore()).withPartition(p));
        ReadOnlyKeyValueStore<String, Long> progress = streams.store(StoreQueryParameters.fromNameAndType(
                WindowsTopology.PROGRESS, QueryableStoreTypes.<String, Long>keyValueStore()).withPartition(p));
        ReadOnlyWindowStore<String, StationStats> windows = streams.store(StoreQueryParameters.fromNameAndType(
                WindowsTopology.OPEN_WINDOWS, QueryableStoreTypes.<String, StationStats>windowStore()).withPartition(p));
        Map<String, StationState> s = new TreeMap<>();
        try (KeyValueIterator<String, StationState> it = stations.all()) {
            it.forEachRemaining(kv -> s.put(kv.key, kv.value));
        }
        Map<Integer, Long> ym = new TreeMap<>();
        try (KeyValueIterator<Integer, Long> it = yearMonths.all()) {
            it.forEachRemaining(kv -> ym.put(kv.key, kv.value));
        }
        // Windows stations have left while open (window store) and each station's current window.
        Map<Long, TreeMap<String, StationStats>> open = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, StationStats> it = windows.all()) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, StationStats> kv = it.next();
                open.computeIfAbsent(ids.id(kv.key.window().start()), k -> new TreeMap<>()).put(kv.key.key(), kv.value);
            }
        }
        s.forEach((station, st) -> {
            if (st.windowId() != Long.MIN_VALUE) {
                open.computeIfAbsent(st.windowId(), k -> new TreeMap<>()).merge(station, st.window(), StationStats::merge);
            }
        });
        List<PartitionWindow> parts = new ArrayList<>();
        open.forEach((id, stats) -> parts.add(new PartitionWindow(id, p, stats)));
        return new PartitionState(PartitionTotals.of(p, s, ym), progress.get(WindowsTopology.CLOSED_THROUGH), parts);
    }

    /** The closer's closed-windows store if its task runs here, else null. */
    static ReadOnlyKeyValueStore<Long, String> closedWindows(KafkaStreams streams) {
        return closerStore(streams, WindowsTopology.CLOSED_WINDOWS);
    }

    /** What the closer knows, if its task runs here, else null. */
    static CloserState closer(KafkaStreams streams) {
        ReadOnlyKeyValueStore<Integer, Long> frontiers = closerStore(streams, WindowsTopology.FRONTIERS);
        ReadOnlyKeyValueStore<Long, PartitionWindow> pending = closerStore(streams, WindowsTopology.PENDING);
        if (frontiers == null || pending == null) {
            return null;
        }
        try {
            TreeMap<Integer, Long> f = new TreeMap<>();
            try (KeyValueIterator<Integer, Long> it = frontiers.all()) {
                it.forEachRemaining(kv -> f.put(kv.key, kv.value));
            }
            Long all = f.remove(WindowsTopology.ALL_PARTITIONS);
            List<PartitionWindow> parts = new ArrayList<>();
            try (KeyValueIterator<Long, PartitionWindow> it = pending.all()) {
                it.forEachRemaining(kv -> parts.add(kv.value));
            }
            return new CloserState(f, all, parts);
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    private static <K, V> ReadOnlyKeyValueStore<K, V> closerStore(KafkaStreams streams, String name) {
        if (streams == null) {
            return null;
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
                    .withPartition(0));
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }
}
