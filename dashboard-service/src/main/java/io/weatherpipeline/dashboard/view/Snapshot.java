package io.weatherpipeline.dashboard.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the page shows at one instant, computed from the sources' latest outcomes; serialised as
 * the JSON of {@code /api/snapshot} and of each server-sent event. Pure: built by {@link #of}.
 *
 * @param at when it was built (ISO-8601)
 */
public record Snapshot(String at, List<Component> components, StationsPanel stations, MonthsPanel months,
        AlertsPanel alerts, WindowsPanel windows, PipelinePanel pipeline) {

    /** States of a component. */
    public static final String UP = "up";
    public static final String NOT_READY = "not-ready";
    public static final String DOWN = "down";

    /** A service or server with its state and what it says about it. */
    public record Component(String name, String kind, String state, String detail, String url) {
    }

    /**
     * @param problems why some of the panel's sources did not answer (their last data stays shown)
     */
    public record StationsPanel(List<String> problems, List<StationRow> rows) {
    }

    /**
     * @param active null when generator-service never answered
     * @param date the latest reading's day, null when none is known
     * @param degrees the latest reading's degrees, null when table temperatures could not be read
     * @param recent the most recent days, oldest first
     */
    public record StationRow(String id, Boolean active, String date, Double degrees, List<DayReading> recent) {
    }

    public record MonthsPanel(List<String> problems, List<MonthTable.Column> months, List<String> stations) {
    }

    public record AlertsPanel(List<String> problems, List<Alert> latest, SortedMap<String, Long> countByStation) {
    }

    /**
     * @param closed the last closed windows, oldest first
     * @param open the window still open, null when unknown
     */
    public record WindowsPanel(List<String> problems, List<WindowCounts> closed, WindowCounts open,
            List<String> stations) {
    }

    /**
     * @param lag end offset minus the consumer's committed offset (transaction markers count as offsets)
     */
    public record PartitionRow(int partition, String consumer, boolean assigned, Long batchId, Long offset,
            Long endOffset, Long lag) {
    }

    /**
     * @param mysqlNewestId the newest row id of table temperatures
     * @param producerLastSentId the newest row id the producer has committed to Kafka
     * @param notYetSent the difference, when both are known
     */
    public record PipelinePanel(List<String> problems, List<PartitionRow> partitions, Long mysqlNewestId,
            Long producerLastSentId, Long notYetSent, Throughput.Rates throughput) {
    }

    /** The producer's health data key holding its last sent row id. */
    public static final String LAST_SENT = "last_sent_row_id";

    /** The snapshot of {@code s} at {@code nowMillis}, with the pipeline's {@code rates}. */
    public static Snapshot of(Sources s, Throughput.Rates rates, long nowMillis) {
        return new Snapshot(Instant.ofEpochMilli(nowMillis).toString(), components(s), stations(s), months(s),
                alerts(s), windows(s), pipeline(s, rates));
    }

    /** The producer's last sent row id, when it answered with one (it says -1 while it does not know). */
    public static Long producerLastSent(Outcome<Health> producer) {
        if (producer == null || !producer.up() || producer.value() == null) {
            return null;
        }
        Object v = producer.value().data().get(LAST_SENT);
        return v instanceof Number n && n.longValue() >= 0 ? n.longValue() : null;
    }

    private static List<Component> components(Sources s) {
        List<Component> out = new ArrayList<>();
        s.services().forEach((name, o) -> {
            String url = s.serviceUrls().get(name);
            if (!o.up()) {
                out.add(new Component(name, "service", DOWN, o.error(), url));
            } else if (o.value().ready()) {
                out.add(new Component(name, "service", UP, null, url));
            } else {
                out.add(new Component(name, "service", NOT_READY, o.value().detail(), url));
            }
        });
        out.add(server("kafka", s.endOffsets(), offsets -> offsets.isEmpty() ? "topic not created yet"
                : offsets.size() + " partitions"));
        out.add(server("mariadb", s.table(), rows -> "newest row id " + rows.newestId()));
        Outcome<Integer> hdfs = s.dataNodes();
        if (hdfs.up() && hdfs.value() != null && hdfs.value() == 0) {
            out.add(new Component("hdfs", "server", NOT_READY, "no live DataNode", null));
        } else {
            out.add(server("hdfs", hdfs, n -> n + " live DataNode" + (n == 1 ? "" : "s")));
        }
        return out;
    }

    private static <T> Component server(String name, Outcome<T> o, java.util.function.Function<T, String> detail) {
        return o.up() && o.value() != null ? new Component(name, "server", UP, detail.apply(o.value()), null)
                : new Component(name, "server", DOWN, o.error(), null);
    }

    private static StationsPanel stations(Sources s) {
        List<String> problems = new ArrayList<>();
        problem(problems, "generator-service", s.stations());
        problem(problems, "table temperatures", s.table());
        Map<String, Station> byId = new TreeMap<>();
        if (s.stations().value() != null) {
            s.stations().value().forEach(st -> byId.put(st.id(), st));
        }
        SortedMap<String, List<DayReading>> recent = s.table().value() == null ? new TreeMap<>()
                : s.table().value().recentByStation();
        SortedSet<String> ids = new TreeSet<>(byId.keySet());
        ids.addAll(recent.keySet());
        List<StationRow> rows = new ArrayList<>();
        for (String id : ids) {
            Station st = byId.get(id);
            List<DayReading> days = recent.getOrDefault(id, List.of());
            DayReading last = days.isEmpty() ? null : days.get(days.size() - 1);
            Boolean active = st != null ? Boolean.valueOf(st.active())
                    : s.stations().value() != null ? Boolean.FALSE : null;
            String date = last != null ? last.date() : st != null ? st.lastDate() : null;
            rows.add(new StationRow(id, active, date, last == null ? null : last.degrees(), days));
        }
        return new StationsPanel(problems, rows);
    }

    private static MonthsPanel months(Sources s) {
        List<String> problems = new ArrayList<>();
        problem(problems, "stats-service", s.months());
        List<MonthTable.Column> columns = s.months().value() == null ? List.of() : s.months().value().months();
        SortedSet<String> stations = new TreeSet<>();
        columns.forEach(c -> stations.addAll(c.averageByStation().keySet()));
        return new MonthsPanel(problems, columns, List.copyOf(stations));
    }

    private static AlertsPanel alerts(Sources s) {
        List<String> problems = new ArrayList<>();
        problem(problems, "alerts-service", s.alerts());
        if (s.alertCounts().error() != null && !s.alertCounts().error().equals(s.alerts().error())) {
            problem(problems, "alerts-service summary", s.alertCounts());
        }
        return new AlertsPanel(problems, s.alerts().value() == null ? List.of() : s.alerts().value(),
                s.alertCounts().value() == null ? new TreeMap<>() : s.alertCounts().value());
    }

    private static WindowsPanel windows(Sources s) {
        List<String> problems = new ArrayList<>();
        problem(problems, "windows-service", s.windows());
        if (s.openWindow().error() != null && !s.openWindow().error().equals(s.windows().error())) {
            problem(problems, "windows-service open window", s.openWindow());
        }
        List<WindowCounts> closed = new ArrayList<>(s.windows().value() == null ? List.of() : s.windows().value());
        closed.sort(java.util.Comparator.comparingLong(WindowCounts::id));
        WindowCounts open = s.openWindow().value();
        SortedSet<String> stations = new TreeSet<>();
        closed.forEach(w -> stations.addAll(w.byStation().keySet()));
        if (open != null) {
            stations.addAll(open.byStation().keySet());
        }
        return new WindowsPanel(problems, closed, open, List.copyOf(stations));
    }

    private static PipelinePanel pipeline(Sources s, Throughput.Rates rates) {
        List<String> problems = new ArrayList<>();
        s.checkpoints().forEach((name, o) -> problem(problems, name + " partitions", o));
        problem(problems, "Kafka end offsets", s.endOffsets());
        // One row per partition: the topic's, and any a consumer reports that the topic lacks.
        SortedMap<Integer, Checkpoint> byPartition = new TreeMap<>();
        for (Outcome<List<Checkpoint>> o : s.checkpoints().values()) {
            if (o.value() != null) {
                for (Checkpoint c : o.value()) {
                    Checkpoint seen = byPartition.get(c.partition());
                    if (seen == null || (!seen.assigned() && c.assigned())) {
                        byPartition.put(c.partition(), c);
                    }
                }
            }
        }
        SortedMap<Integer, Long> ends = s.endOffsets().value() == null ? new TreeMap<>() : s.endOffsets().value();
        SortedSet<Integer> partitions = new TreeSet<>(byPartition.keySet());
        partitions.addAll(ends.keySet());
        List<PartitionRow> rows = new ArrayList<>();
        for (int p : partitions) {
            Checkpoint c = byPartition.get(p);
            Long end = ends.get(p);
            Long offset = c == null ? null : c.offset();
            Long lag = end == null || c == null ? null : Math.max(0, end - (offset == null ? 0 : offset));
            rows.add(new PartitionRow(p, c == null ? null : c.consumer(), c != null && c.assigned(),
                    c == null ? null : c.batchId(), offset, end, lag));
        }
        Long newest = s.table().up() && s.table().value() != null ? s.table().value().newestId() : null;
        Long sent = producerLastSent(s.services().get("producer"));
        Long unsent = newest != null && sent != null ? Math.max(0, newest - sent) : null;
        return new PipelinePanel(problems, rows, newest, sent, unsent, rates);
    }

    private static void problem(Collection<String> problems, String source, Outcome<?> o) {
        if (o.error() != null) {
            problems.add(source + ": " + o.error());
        }
    }
}
