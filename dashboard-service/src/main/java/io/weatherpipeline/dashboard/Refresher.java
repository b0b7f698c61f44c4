package io.weatherpipeline.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.weatherpipeline.dashboard.source.SourceTable;
import io.weatherpipeline.dashboard.source.TopicOffsets;
import io.weatherpipeline.dashboard.view.Alert;
import io.weatherpipeline.dashboard.view.Answers;
import io.weatherpipeline.dashboard.view.Checkpoint;
import io.weatherpipeline.dashboard.view.Health;
import io.weatherpipeline.dashboard.view.MonthTable;
import io.weatherpipeline.dashboard.view.Outcome;
import io.weatherpipeline.dashboard.view.Snapshot;
import io.weatherpipeline.dashboard.view.SourceRows;
import io.weatherpipeline.dashboard.view.Sources;
import io.weatherpipeline.dashboard.view.Station;
import io.weatherpipeline.dashboard.view.Throughput;
import io.weatherpipeline.dashboard.view.WindowCounts;
import io.weatherpipeline.dashboard.client.NameNodeApi;

/**
 * Asks every component for what the page shows, once per {@code dashboard.refresh}, and publishes the
 * resulting {@link Snapshot}: as {@link #latestJson()} and to every open event stream.
 *
 * <p>Each source is its own {@link Slot}: fetched independently, at most one call in flight, bounded by
 * {@code dashboard.timeout}, so a component that is down or hangs shows as such and delays nothing else.
 *
 * <p>Thread model: {@link #tick} runs on the scheduler's worker thread, never twice at once (SKIP). It
 * starts the fetches, waits for them at most 80 % of the refresh period, then builds and publishes the
 * snapshot from every slot's latest outcome; a fetch still running lands in its slot later and shows at
 * the next tick. Only the tick's thread touches the throughput ring. The window cache is written from
 * the windows fetch's completion (one at a time, by its slot) and is a concurrent map.
 */
@ApplicationScoped
public class Refresher {

    private static final Logger LOG = Logger.getLogger(Refresher.class);

    /** The stages whose rows per second the page charts. */
    static final String INSERTED = "inserted into MySQL";
    static final String SENT = "sent to Kafka";
    static final String WRITTEN = "written to HDFS";
    /** Rates are averaged over this long: longer than the consumers' batches take to write. */
    static final long RATE_WINDOW_MILLIS = 20_000;
    /** The consumers' counter of rows written to Parquet files. */
    static final String ROWS_WRITTEN_METRIC = "consumer_rows_written_total";

    private final DashboardConfig config;
    private final Clients clients;
    private final TopicOffsets topic;
    private final SourceTable table;
    private final ObjectMapper json;
    private final LongSupplier clock = System::currentTimeMillis;

    private final Map<String, Slot<Health>> health = new LinkedHashMap<>();
    private final Map<String, Slot<List<Checkpoint>>> checkpoints = new LinkedHashMap<>();
    private final Map<String, Slot<Double>> rowsWritten = new LinkedHashMap<>();
    private final Slot<List<Station>> stations;
    private final Slot<SourceRows> rows;
    private final Slot<SortedMap<Integer, Long>> endOffsets;
    private final Slot<Integer> dataNodes;
    private final Slot<MonthTable> months;
    private final Slot<List<Alert>> alerts;
    private final Slot<SortedMap<String, Long>> alertCounts;
    private final Slot<List<WindowCounts>> windows;
    private final Slot<WindowCounts> openWindow;
    private final Map<Long, WindowCounts> closedWindows = new ConcurrentHashMap<>();
    private final Throughput throughput;
    private final BroadcastProcessor<String> events = BroadcastProcessor.create();

    private volatile Snapshot latest;
    private volatile String latestJson;

    Refresher(DashboardConfig config, Clients clients, TopicOffsets topic, SourceTable table, ObjectMapper json) {
        this.config = config;
        this.clients = clients;
        this.topic = topic;
        this.table = table;
        this.json = json;
        clients.services().forEach(s -> health.put(s.name(), slot()));
        clients.consumers().forEach(c -> {
            checkpoints.put(c.name(), slot());
            rowsWritten.put(c.name(), slot());
        });
        stations = slot();
        rows = slot();
        endOffsets = slot();
        dataNodes = slot();
        months = slot();
        alerts = slot();
        alertCounts = slot();
        windows = slot();
        openWindow = slot();
        // One sample per refresh and stage, for the span the chart shows.
        int samples = (int) Math.max(2, config.throughputSpan().toMillis() / config.refresh().toMillis() + 2);
        throughput = new Throughput(List.of(INSERTED, SENT, WRITTEN), samples);
    }

    @Scheduled(every = "${dashboard.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (Clients.Service s : clients.services()) {
            started.add(health.get(s.name()).refresh(() -> s.health().ready()
                    .map(r -> Answers.health(r.getStatus(), Clients.text(r)))));
        }
        for (Clients.Consumer c : clients.consumers()) {
            started.add(checkpoints.get(c.name()).refresh(() -> Clients.body(c.api().partitions())
                    .map(b -> Answers.partitions(b, c.name()))));
            started.add(rowsWritten.get(c.name()).refresh(() -> Clients.body(c.health().metrics())
                    .map(b -> Answers.metric(b, ROWS_WRITTEN_METRIC))));
        }
        started.add(stations.refresh(() -> Clients.body(clients.generator().stations()).map(Answers::stations)));
        started.add(rows.refresh(() -> table.read(config.recentDays())));
        started.add(endOffsets.refresh(topic::endOffsets));
        started.add(dataNodes.refresh(() -> Clients.body(clients.nameNode().jmx(NameNodeApi.FS_STATE))
                .map(Answers::liveDataNodes)));
        started.add(months.refresh(() -> Clients.body(clients.stats().stats()).map(Answers::months)));
        started.add(alerts.refresh(() -> Clients.body(clients.alerts().latest(config.alertsLimit())).map(Answers::alerts)));
        started.add(alertCounts.refresh(() -> Clients.body(clients.alerts().summary()).map(Answers::alertCounts)));
        started.add(windows.refresh(this::lastWindows));
        started.add(openWindow.refresh(() -> Clients.body(clients.windows().open()).map(Answers::openWindow)));
        long wait = Math.min(config.timeout().toMillis(), config.refresh().toMillis() * 8 / 10);
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The slow ones show at the next tick.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            LOG.warnf(e.getCause(), "A fetch failed outside its slot");
        }
        publish();
    }

    /** The last closed windows with their counts per station; a closed window's counts are fetched once. */
    private Uni<List<WindowCounts>> lastWindows() {
        return Clients.body(clients.windows().last(config.windowsLast())).map(Answers::windows).chain(list -> {
            Set<Long> ids = list.stream().map(WindowCounts::id).collect(Collectors.toSet());
            closedWindows.keySet().retainAll(ids);
            if (list.isEmpty()) {
                return Uni.createFrom().item(List.<WindowCounts>of());
            }
            List<Uni<WindowCounts>> each = new ArrayList<>();
            for (WindowCounts w : list) {
                WindowCounts known = !w.byStation().isEmpty() ? w : closedWindows.get(w.id());
                each.add(known != null ? Uni.createFrom().item(known)
                        : Clients.body(clients.windows().window(w.id())).map(Answers::window)
                                .invoke(detail -> closedWindows.put(detail.id(), detail))
                                // Its total is still worth showing.
                                .onFailure().recoverWithItem(w));
            }
            return Uni.join().all(each).andFailFast();
        });
    }

    private void publish() {
        long now = clock.getAsLong();
        Map<String, Outcome<Health>> services = new LinkedHashMap<>();
        health.forEach((name, slot) -> services.put(name, slot.latest()));
        Map<String, Outcome<List<Checkpoint>>> parts = new LinkedHashMap<>();
        checkpoints.forEach((name, slot) -> parts.put(name, slot.latest()));
        Map<String, Outcome<Double>> written = new LinkedHashMap<>();
        rowsWritten.forEach((name, slot) -> written.put(name, slot.latest()));
        Sources sources = new Sources(services, clients.urls(), stations.latest(), rows.latest(), endOffsets.latest(),
                dataNodes.latest(), parts, written, months.latest(), alerts.latest(), alertCounts.latest(),
                windows.latest(), openWindow.latest());
        sample(sources);
        long span = config.throughputSpan().toMillis();
        Snapshot snapshot = Snapshot.of(sources, throughput.rates(now, span, Math.max(1000, span / 60), RATE_WINDOW_MILLIS), now);
        try {
            String text = json.writeValueAsString(snapshot);
            latest = snapshot;
            latestJson = text;
            events.onNext(text);
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "Cannot write the page's snapshot as JSON");
        }
    }

    /** Adds each stage's count to the throughput ring, at the time it was read. */
    private void sample(Sources s) {
        Outcome<SourceRows> t = s.table();
        throughput.add(INSERTED, t.atMillis(), t.up() && t.value() != null ? (double) t.value().newestId() : null);
        Outcome<Health> producer = s.services().get("producer");
        Long sent = Snapshot.producerLastSent(producer);
        throughput.add(SENT, producer.atMillis(), sent == null ? null : sent.doubleValue());
        double sum = 0;
        long at = 0;
        for (Outcome<Double> o : s.rowsWritten().values()) {
            if (!o.up() || o.value() == null) {
                return;
            }
            sum += o.value();
            at = Math.max(at, o.atMillis());
        }
        throughput.add(WRITTEN, at, sum);
    }

    /** The newest snapshot as JSON, null before the first tick ended. */
    public String latestJson() {
        return latestJson;
    }

    /** The newest snapshot, null before the first tick ended. */
    public Snapshot latest() {
        return latest;
    }

    /** Every snapshot from now on, as JSON; a subscriber that cannot keep up misses some. */
    public Multi<String> events() {
        return events.onOverflow().drop();
    }

    private <T> Slot<T> slot() {
        return new Slot<>(config.timeout(), clock);
    }
}
