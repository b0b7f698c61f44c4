package io.weatherpipeline.windows.topology;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;

import io.weatherpipeline.windows.model.PartitionProgress;
import io.weatherpipeline.windows.model.WindowIds;

/**
 * The Kafka Streams topology of the service:
 *
 * <pre>
 * temperatures (key station, value Report bytes)
 *   → ReadingDecoder         poison values skipped, with partition and offset
 *   → PartitionWindows       one task per input partition: station states (totals, current window and month),
 *                            closing windows by stream time
 *   → &lt;app&gt;-closer-repartition (1 partition): each partition's progress and closed parts
 *   → WindowCloser           one task: a window closes when every partition has closed it
 * </pre>
 *
 * <p>Stores (all changelogged, so exactly-once covers them): per input partition {@link #STATIONS} (per
 * station: so far, late, current window and month, updated once per reading), {@link #YEAR_MONTHS} (counts of
 * the months stations have left), {@link #OPEN_WINDOWS} (windows stations have left while still open) and
 * {@link #PROGRESS} (the last window closed here); in the closer
 * {@link #FRONTIERS}, {@link #PENDING} (parts of windows not closed everywhere yet) and
 * {@link #CLOSED_WINDOWS} (window id → the window file's JSON).
 *
 * <p>The stores are in memory, backed by their changelog topics: they are small (the stations, the
 * year-months, a few open windows, the closed windows of {@code windows.retention}), and a RocksDB store
 * would flush its memtables to disk at every exactly-once commit (every 100 ms). After a crash
 * exactly-once wipes local state anyway and restores it from the changelogs, which are compacted in
 * 10-minute segments ({@link #COMPACTED}) so that a restore reads little more than the live keys.
 *
 * <p>The running totals are counted in the partition tasks and added up when asked, rather than
 * regrouped by year or month through repartition topics: each regrouping would write every reading to
 * Kafka once more, and the sums over partitions are exact either way.
 */
public final class WindowsTopology {

    public static final String STATIONS = "stations";
    public static final String YEAR_MONTHS = "year-months";
    public static final String OPEN_WINDOWS = "open-windows";
    public static final String PROGRESS = "partition-progress";
    public static final String FRONTIERS = "frontiers";
    public static final String PENDING = "pending-parts";
    public static final String CLOSED_WINDOWS = "closed-windows";
    /** Name of the closer's topic: {@code <application.id>-closer-repartition}. */
    public static final String CLOSER_TOPIC = "closer";
    /** Key, in a partition's progress store, of the last window closed in that partition. */
    public static final String CLOSED_THROUGH = "closed-through";
    /** Key, in the closer's frontiers store, of the last window closed in every partition. */
    public static final int ALL_PARTITIONS = -1;
    /** Changelog settings of the key-value stores: compacted soon, so restores stay short. */
    static final Map<String, String> COMPACTED = Map.of(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(10 * 60_000));
    /** Partition numbers must be below this (pending parts are keyed by window id × this + partition). */
    public static final int MAX_PARTITIONS = 1 << 16;

    /**
     * @param topic the input topic
     * @param partitionCount its partitions: a window closes when all of them have closed it
     * @param retention how long closed windows stay in the store (and in the API without HDFS)
     */
    public record Settings(String topic, WindowIds ids, int partitionCount, Duration retention) {

        public Settings {
            if (partitionCount < 1 || partitionCount > MAX_PARTITIONS) {
                throw new IllegalArgumentException("topic " + topic + " has " + partitionCount + " partitions; 1 to "
                        + MAX_PARTITIONS + " are supported");
            }
            if (retention.toMillis() < ids.sizeMs()) {
                throw new IllegalArgumentException("windows.retention (" + retention + ") must be at least one window ("
                        + ids.sizeMs() + " ms)");
            }
        }

        /** Closed windows kept in the store. */
        public long retainedWindows() {
            return Math.max(1, retention.toMillis() / ids.sizeMs());
        }

        /** Retention of the open-windows store: every window not closed yet, and as long again. */
        Duration openRetention() {
            return Duration.ofMillis(2 * (ids.sizeMs() + ids.graceMs()));
        }
    }

    private WindowsTopology() {
    }

    public static Topology build(Settings s, TopologyEvents events) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STATIONS), Serdes.String(),
                BinarySerdes.STATION_STATE).withCachingEnabled().withLoggingEnabled(COMPACTED));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(YEAR_MONTHS), Serdes.Integer(),
                Serdes.Long()).withCachingEnabled().withLoggingEnabled(COMPACTED));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.inMemoryWindowStore(OPEN_WINDOWS, s.openRetention(),
                Duration.ofMillis(s.ids().sizeMs()), false), Serdes.String(), BinarySerdes.STATION_STATS).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PROGRESS), Serdes.String(),
                Serdes.Long()).withCachingEnabled().withLoggingEnabled(COMPACTED));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FRONTIERS), Serdes.Integer(),
                Serdes.Long()).withLoggingEnabled(COMPACTED));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING), Serdes.Long(),
                BinarySerdes.PARTITION_WINDOW).withLoggingEnabled(COMPACTED));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CLOSED_WINDOWS), Serdes.Long(),
                Serdes.String()).withLoggingEnabled(COMPACTED));

        FixedKeyProcessorSupplier<String, DecodedReport, Reading> decoder = () -> new ReadingDecoder(events);
        ProcessorSupplier<String, Reading, Integer, PartitionProgress> windows = () -> new PartitionWindows(s.ids(), events);
        ProcessorSupplier<Integer, PartitionProgress, Void, Void> closer =
                () -> new WindowCloser(s.ids(), s.partitionCount(), s.retainedWindows(), events);

        builder.stream(s.topic(), Consumed.with(Serdes.String(), new ReportSerde()))
                .processValues(decoder)
                .process(windows, STATIONS, YEAR_MONTHS, OPEN_WINDOWS, PROGRESS)
                .repartition(Repartitioned.with(Serdes.Integer(), BinarySerdes.PARTITION_PROGRESS)
                        .withName(CLOSER_TOPIC).withNumberOfPartitions(1))
                .process(closer, FRONTIERS, PENDING, CLOSED_WINDOWS);
        return builder.build();
    }
}
