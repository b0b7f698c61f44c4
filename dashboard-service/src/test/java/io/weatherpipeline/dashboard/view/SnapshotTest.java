package io.weatherpipeline.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class SnapshotTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final Throughput.Rates NO_RATES = new Throughput(List.of("x"), 2).rates(NOW, 10_000, 1000, 5000);

    private Map<String, Outcome<Health>> services = new LinkedHashMap<>();
    private Outcome<List<Station>> stations = Outcome.pending();
    private Outcome<SourceRows> table = Outcome.pending();
    private Outcome<SortedMap<Integer, Long>> ends = Outcome.pending();
    private Outcome<Integer> dataNodes = Outcome.pending();
    private Map<String, Outcome<List<Checkpoint>>> checkpoints = new LinkedHashMap<>();

    private Snapshot snapshot() {
        return Snapshot.of(new Sources(services, Map.of("producer", "http://p:8082"), stations, table, ends, dataNodes,
                checkpoints, Map.of(), Outcome.pending(), Outcome.pending(), Outcome.pending(), Outcome.pending(),
                Outcome.pending()), NO_RATES, NOW);
    }

    private static Health ready(Map<String, Object> data) {
        return new Health(true, null, data);
    }

    @Test
    void servicesAndServersGetTheirStates() {
        services.put("producer", Outcome.ok(ready(Map.of()), NOW));
        services.put("consumer", Outcome.ok(new Health(false, "HDFS at hdfs://x:9000", Map.of()), NOW));
        services.put("stats", Outcome.<Health>pending().failed("not running (connection refused)", NOW));
        ends = Outcome.ok(new TreeMap<>(Map.of(0, 5L, 1, 7L)), NOW);
        table = Outcome.<SourceRows>pending().failed("no answer within 1500 ms", NOW);
        dataNodes = Outcome.ok(0, NOW);
        List<Snapshot.Component> c = snapshot().components();
        assertEquals(List.of(
                new Snapshot.Component("producer", "service", Snapshot.UP, null, "http://p:8082"),
                new Snapshot.Component("consumer", "service", Snapshot.NOT_READY, "HDFS at hdfs://x:9000", null),
                new Snapshot.Component("stats", "service", Snapshot.DOWN, "not running (connection refused)", null),
                new Snapshot.Component("kafka", "server", Snapshot.UP, "2 partitions", null),
                new Snapshot.Component("mariadb", "server", Snapshot.DOWN, "no answer within 1500 ms", null),
                new Snapshot.Component("hdfs", "server", Snapshot.NOT_READY, "no live DataNode", null)), c);
    }

    @Test
    void aStationsLatestReadingIsItsNewestRowAndActiveComesFromTheGenerator() {
        stations = Outcome.ok(List.of(new Station("A", true, "2000-01-03"), new Station("K", false, null)), NOW);
        table = Outcome.ok(SourceRows.of(42, Map.of(
                "A", List.of(new DayReading("2000-01-02", 1.5), new DayReading("2000-01-03", 2.5)),
                "Z", List.of(new DayReading("2000-01-01", 9.0)))), NOW);
        List<Snapshot.StationRow> rows = snapshot().stations().rows();
        assertEquals(List.of("A", "K", "Z"), rows.stream().map(Snapshot.StationRow::id).toList());
        assertEquals(new Snapshot.StationRow("A", true, "2000-01-03", 2.5, table.value().recentByStation().get("A")),
                rows.get(0));
        assertEquals(new Snapshot.StationRow("K", false, null, null, List.of()), rows.get(1));
        // In the table but no longer simulated by the generator.
        assertEquals(Boolean.FALSE, rows.get(2).active());
        assertEquals(List.of(), snapshot().stations().problems());
    }

    @Test
    void withTheGeneratorDownTheTableStillShowsAndTheProblemIsNamed() {
        stations = Outcome.<List<Station>>pending().failed("not running (connection refused)", NOW);
        table = Outcome.ok(SourceRows.of(1, Map.of("A", List.of(new DayReading("2000-01-01", 3.0)))), NOW);
        Snapshot.StationsPanel p = snapshot().stations();
        assertNull(p.rows().get(0).active(), "unknown, not stopped");
        assertEquals(3.0, p.rows().get(0).degrees());
        assertEquals(List.of("generator-service: not running (connection refused)"), p.problems());
    }

    @Test
    void withMySqlDownTheGeneratorsLastDayStillShows() {
        stations = Outcome.ok(List.of(new Station("A", true, "2000-05-05")), NOW);
        table = Outcome.<SourceRows>pending().failed("no answer within 1500 ms", NOW);
        Snapshot.StationRow row = snapshot().stations().rows().get(0);
        assertEquals("2000-05-05", row.date());
        assertNull(row.degrees());
    }

    @Test
    void partitionRowsJoinCheckpointsWithEndOffsets() {
        checkpoints.put("consumer-0", Outcome.ok(List.of(new Checkpoint(0, true, 4L, 900L, "consumer-0")), NOW));
        checkpoints.put("consumer-1", Outcome.ok(List.of(new Checkpoint(1, true, null, null, "consumer-1"),
                new Checkpoint(0, false, 3L, 800L, "consumer-1")), NOW));
        ends = Outcome.ok(new TreeMap<>(Map.of(0, 1000L, 1, 50L, 2, 10L)), NOW);
        List<Snapshot.PartitionRow> rows = snapshot().pipeline().partitions();
        assertEquals(List.of(
                new Snapshot.PartitionRow(0, "consumer-0", true, 4L, 900L, 1000L, 100L),
                new Snapshot.PartitionRow(1, "consumer-1", true, null, null, 50L, 50L),
                new Snapshot.PartitionRow(2, null, false, null, null, 10L, null)), rows);
    }

    @Test
    void rowsNotYetSentAreMySqlsNewestIdMinusTheProducersLastSent() {
        table = Outcome.ok(SourceRows.of(1000, Map.of()), NOW);
        services.put("producer", Outcome.ok(ready(Map.of(Snapshot.LAST_SENT, 960L)), NOW));
        Snapshot.PipelinePanel p = snapshot().pipeline();
        assertEquals(1000L, p.mysqlNewestId());
        assertEquals(960L, p.producerLastSentId());
        assertEquals(40L, p.notYetSent());

        services.put("producer", Outcome.ok(new Health(false, "Kafka", Map.of(Snapshot.LAST_SENT, -1L)), NOW));
        assertNull(snapshot().pipeline().producerLastSentId(), "-1 means the producer does not know yet");
        assertNull(snapshot().pipeline().notYetSent());
    }

    @Test
    void aFailedSourceKeepsItsLastValueAndSaysWhy() {
        Outcome<Integer> o = Outcome.ok(3, 1).failed("gone", 2);
        assertEquals(3, o.value());
        assertEquals("gone", o.error());
        assertEquals(false, o.up());
    }
}
