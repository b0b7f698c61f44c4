package io.weatherpipeline.windows.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;
import io.weatherpipeline.windows.model.PartitionTotals;
import io.weatherpipeline.windows.model.StationState;
import io.weatherpipeline.windows.model.StationStats;
import io.weatherpipeline.windows.model.WindowFile;
import io.weatherpipeline.windows.model.WindowIds;

/**
 * The topology in a TopologyTestDriver (one input partition): windows by record timestamp, closed by
 * stream time after the grace, late readings kept out of closed windows, poison skipped and reported,
 * running totals.
 */
class WindowsTopologyTest {

    private static final String TOPIC = "temperatures";
    private static final WindowIds IDS = new WindowIds(10_000, 2_000);
    /** A realistic send time, at the start of a window. */
    private static final long T0 = 1_764_410_000_000L;

    @TempDir
    Path stateDir;

    private final List<String> poison = new ArrayList<>();
    private final List<Long> late = new ArrayList<>();
    private final List<Long> closedIds = new ArrayList<>();
    private final List<TopologyTestDriver> drivers = new ArrayList<>();

    private TopologyTestDriver driver(Duration retention) throws IOException {
        TopologyEvents events = new TopologyEvents() {
            @Override
            public void poison(String topic, int partition, long offset, String reason) {
                poison.add(topic + "/" + partition + "@" + offset + ": " + reason);
            }

            @Override
            public void late(int partition, long offset, String station, long timestampMs, long windowId) {
                late.add(offset);
            }

            @Override
            public void closed(WindowFile window) {
                closedIds.add(window.id());
            }
        };
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "windows-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(stateDir, "state").toString());
        TopologyTestDriver d = new TopologyTestDriver(
                WindowsTopology.build(new WindowsTopology.Settings(TOPIC, IDS, 1, retention), events), props);
        drivers.add(d);
        return d;
    }

    @AfterEach
    void close() {
        drivers.forEach(TopologyTestDriver::close);
    }

    private static TestInputTopic<String, byte[]> input(TopologyTestDriver d) {
        return d.createInputTopic(TOPIC, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(TestInputTopic<String, byte[]> in, String station, String date, double degrees, long ts) {
        Report r = Report.newBuilder().setStationId(station).setDate(date).setDegrees(degrees).build();
        in.pipeInput(station, ReportCodec.encode(r), ts);
    }

    private static Map<Long, String> closed(TopologyTestDriver d) {
        KeyValueStore<Long, String> store = d.getKeyValueStore(WindowsTopology.CLOSED_WINDOWS);
        Map<Long, String> out = new TreeMap<>();
        try (KeyValueIterator<Long, String> it = store.all()) {
            it.forEachRemaining(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }

    private static PartitionTotals totals(TopologyTestDriver d) {
        Map<String, StationState> s = new TreeMap<>();
        Map<Integer, Long> ym = new TreeMap<>();
        KeyValueStore<String, StationState> stations = d.getKeyValueStore(WindowsTopology.STATIONS);
        KeyValueStore<Integer, Long> yearMonths = d.getKeyValueStore(WindowsTopology.YEAR_MONTHS);
        try (KeyValueIterator<String, StationState> it = stations.all()) {
            it.forEachRemaining(kv -> s.put(kv.key, kv.value));
        }
        try (KeyValueIterator<Integer, Long> it = yearMonths.all()) {
            it.forEachRemaining(kv -> ym.put(kv.key, kv.value));
        }
        return PartitionTotals.of(0, s, ym);
    }

    @Test
    void aWindowClosesWhenStreamTimePassesItsEndPlusGrace() throws Exception {
        TopologyTestDriver d = driver(Duration.ofHours(1));
        TestInputTopic<String, byte[]> in = input(d);
        long w = IDS.id(T0);
        send(in, "StationA", "2000-01-01", 10.0, T0 + 1_000);
        send(in, "StationB", "2000-01-01", 20.0, T0 + 2_000);
        send(in, "StationA", "2000-01-02", 12.0, T0 + 9_999);
        send(in, "StationA", "2000-01-03", 5.0, T0 + 10_000);     // next window
        send(in, "StationB", "2000-01-02", 21.0, T0 + 11_999);    // stream time at end + grace - 1
        assertEquals(Map.of(), closed(d), "window " + w + " is in its grace period");
        send(in, "StationC", "2000-01-02", 30.0, T0 + 9_000);     // out of order, within the grace: counted
        send(in, "StationB", "2000-01-03", 22.0, T0 + 12_000);    // end + grace: window w closes

        Map<Long, String> closed = closed(d);
        assertEquals(List.of(w), List.copyOf(closed.keySet()));
        WindowFile file = WindowFile.parse(closed.get(w));
        assertEquals(w, file.id());
        assertEquals(T0 / 10_000, file.id(), "id = start / size");
        assertEquals(IDS.start(w), file.start());
        assertEquals(4, file.total());
        assertEquals(Map.of(0, 4L), file.partitions());
        WindowFile.Station a = file.stations().get("StationA");
        assertEquals(2, a.count());
        assertEquals(10.0, a.min());
        assertEquals(12.0, a.max());
        assertEquals(11.0, a.avg());
        assertEquals(LocalDate.of(2000, 1, 1), a.firstDate());
        assertEquals(LocalDate.of(2000, 1, 2), a.lastDate());
        assertEquals(1, file.stations().get("StationC").count());
        assertEquals(List.of(w), closedIds);

        // After the close, a reading for that window is late: in the totals, not in the window.
        send(in, "StationA", "2000-01-01", 99.0, T0 + 5_000);
        assertEquals(closed.get(w), closed(d).get(w), "a closed window never changes");
        assertEquals(1, late.size());
        PartitionTotals t = totals(d);
        assertEquals(8, t.total());
        assertEquals(1, t.late());
        assertEquals(7, t.windowed());
    }

    @Test
    void aStationsEarlierWindowKeepsTakingReadingsUntilItCloses() throws Exception {
        TopologyTestDriver d = driver(Duration.ofHours(1));
        TestInputTopic<String, byte[]> in = input(d);
        long w = IDS.id(T0);
        send(in, "StationA", "2000-01-01", 1.0, T0 + 9_000);
        send(in, "StationA", "2000-01-02", 2.0, T0 + 10_500);    // StationA moves to window w+1
        send(in, "StationA", "2000-01-03", 3.0, T0 + 9_500);     // out of order, window w still in its grace
        send(in, "StationA", "2000-01-04", 4.0, T0 + 11_000);
        send(in, "StationA", "2000-02-01", 5.0, T0 + 9_900);     // still window w, another month
        send(in, "StationB", "2000-02-02", 6.0, T0 + 12_000);    // window w closes
        WindowFile file = WindowFile.parse(closed(d).get(w));
        WindowFile.Station a = file.stations().get("StationA");
        assertEquals(3, a.count());
        assertEquals(1.0, a.min());
        assertEquals(5.0, a.max());
        assertEquals(3.0, a.avg());
        assertEquals(LocalDate.of(2000, 2, 1), a.lastDate());
        assertEquals(3, file.total());
        send(in, "StationB", "2000-02-03", 7.0, T0 + 22_000);    // window w+1 closes: StationA's 2 and StationB's 1
        WindowFile next = WindowFile.parse(closed(d).get(w + 1));
        assertEquals(2, next.stations().get("StationA").count());
        assertEquals(1, next.stations().get("StationB").count());
        PartitionTotals t = totals(d);
        assertEquals(7, t.total());
        assertEquals(Map.of(1, 4L, 2, 3L), t.months(), "months the station left and the one it is in, together");
        assertEquals(0, late.size());
    }

    @Test
    void poisonIsSkippedWithItsOffsetAndCountsNothing() throws Exception {
        TopologyTestDriver d = driver(Duration.ofHours(1));
        TestInputTopic<String, byte[]> in = input(d);
        send(in, "StationA", "2000-01-01", 10.0, T0);
        in.pipeInput("StationA", new byte[] {(byte) 0xff, 1, 2, 3}, T0 + 1);
        in.pipeInput("StationA", new byte[0], T0 + 2);
        send(in, "StationA", "2000-01-02", 11.0, T0 + 3);
        assertEquals(2, poison.size(), poison.toString());
        assertTrue(poison.get(0).startsWith("temperatures/0@1: not a protobuf Report"), poison.get(0));
        assertEquals("temperatures/0@2: value is empty", poison.get(1));
        assertEquals(2, totals(d).total());
        assertEquals(2, totals(d).stations().get("StationA").count());
    }

    @Test
    void runningTotalsByStationYearAndMonth() throws Exception {
        TopologyTestDriver d = driver(Duration.ofHours(1));
        TestInputTopic<String, byte[]> in = input(d);
        LocalDate day = LocalDate.of(1999, 12, 30);
        for (int i = 0; i < 40; i++) {
            send(in, "StationA", day.plusDays(i).toString(), i, T0 + i * 1_000L);
            if (i % 2 == 0) {
                send(in, "StationB", day.plusDays(i).toString(), -i, T0 + i * 1_000L);
            }
        }
        PartitionTotals t = totals(d);
        assertEquals(60, t.total());
        assertEquals(Map.of(1999, 3L, 2000, 57L), t.years());
        assertEquals(Map.of(12, 3L, 1, 47L, 2, 10L), t.months());
        StationStats a = t.stations().get("StationA");
        assertEquals(40, a.count());
        assertEquals(LocalDate.of(1999, 12, 30), a.firstDate());
        assertEquals(LocalDate.of(2000, 2, 7), a.lastDate());
        assertEquals(20, t.stations().get("StationB").count());
        // 40 s of readings: windows up to the one ending 2 s (grace) before the last timestamp are closed,
        // and together with the open ones they hold every reading.
        long closedReadings = 0;
        for (String json : closed(d).values()) {
            closedReadings += WindowFile.parse(json).total();
        }
        long lastClosed = IDS.lastClosed(T0 + 39_000);
        long expectedClosed = 0;
        for (int i = 0; i < 40; i++) {
            if (IDS.id(T0 + i * 1_000L) <= lastClosed) {
                expectedClosed += i % 2 == 0 ? 2 : 1;
            }
        }
        assertEquals(expectedClosed, closedReadings);
        assertEquals(lastClosed - IDS.id(T0) + 1, closed(d).size(), "one closed window per 10 s with readings");
    }

    @Test
    void windowsWithoutReadingsGetNoFileAndOldOnesLeaveTheStore() throws Exception {
        TopologyTestDriver d = driver(Duration.ofSeconds(60)); // the newest 6 window ids kept
        TestInputTopic<String, byte[]> in = input(d);
        long w = IDS.id(T0);
        send(in, "StationA", "2000-01-01", 1.0, T0);
        send(in, "StationA", "2000-01-02", 2.0, T0 + 50_000);     // jumps 5 windows: w closes, w+1..w+3 empty
        assertEquals(List.of(w), List.copyOf(closed(d).keySet()));
        for (int i = 6; i <= 12; i++) {
            send(in, "StationA", "2000-01-0" + (i % 9 + 1), i, T0 + i * 10_000L);
        }
        Map<Long, String> closed = closed(d);
        long last = IDS.lastClosed(T0 + 120_000);
        assertEquals(w + 10, last);
        assertEquals(List.of(w + 5, w + 6, w + 7, w + 8, w + 9, w + 10), List.copyOf(closed.keySet()),
                "window w is gone: only the newest 6 ids are kept");
        assertNull(closed.get(w));
        KeyValueStore<Integer, Long> frontiers = d.getKeyValueStore(WindowsTopology.FRONTIERS);
        assertEquals(last, frontiers.get(WindowsTopology.ALL_PARTITIONS));
        assertEquals(last, frontiers.get(0));
    }

    @Test
    void theSameRecordsGiveTheSameBytes() throws Exception {
        List<Map<Long, String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            TopologyTestDriver d = driver(Duration.ofHours(1));
            TestInputTopic<String, byte[]> in = input(d);
            for (int i = 0; i < 300; i++) {
                send(in, "Station" + (char) ('A' + i % 7), LocalDate.of(2000, 1, 1).plusDays(i / 7).toString(),
                        Math.sin(i) * 30, T0 + i * 173L + (i % 5 == 0 ? -1_500 : 0));
            }
            runs.add(closed(d));
        }
        assertNotNull(runs.get(0));
        assertTrue(runs.get(0).size() >= 4, runs.get(0).keySet().toString());
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void topologyReadsTheTopicAndWritesOnlyTheClosersTopic() {
        var description = WindowsTopology.build(new WindowsTopology.Settings(TOPIC, IDS, 4, Duration.ofDays(1)),
                TopologyEvents.NONE).describe().toString();
        assertTrue(description.contains("topics: [temperatures]"), description);
        assertTrue(description.contains("closer-repartition"), description);
        assertEquals(2, WindowsTopology.build(new WindowsTopology.Settings(TOPIC, IDS, 4, Duration.ofDays(1)),
                TopologyEvents.NONE).describe().subtopologies().size());
    }
}
