package io.weatherpipeline.windows.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.KeyValueIterator;

import io.weatherpipeline.windows.model.PartitionProgress;
import io.weatherpipeline.windows.model.PartitionTotals;
import io.weatherpipeline.windows.model.PartitionWindow;
import io.weatherpipeline.windows.model.StationStats;
import io.weatherpipeline.windows.model.WindowIds;

/**
 * The work of one input partition (one task): adds every reading to the running totals and to its
 * station's statistics in its window, and closes windows by this partition's <b>stream time</b> (the
 * largest record timestamp seen): when it reaches a window's end + grace, the window is closed here and
 * its part is sent to the {@link WindowCloser} with the new frontier. A reading for a window already
 * closed here is late: counted in the totals, in no window.
 *
 * <p>Everything it decides follows from the partition's records in offset order, so a task restored
 * from its changelog after a crash sends the same parts again, byte for byte.
 */
final class PartitionWindows implements Processor<String, Reading, Integer, PartitionProgress> {

    private final WindowIds ids;
    private final TopologyEvents events;
    private ProcessorContext<Integer, PartitionProgress> context;
    private int partition;
    private WindowStore<String, StationStats> windows;
    private KeyValueStore<String, Long> totals;
    private KeyValueStore<String, StationStats> stations;
    private KeyValueStore<String, Long> progress;
    private long closedThrough;
    private boolean anyClosed;

    PartitionWindows(WindowIds ids, TopologyEvents events) {
        this.ids = ids;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<Integer, PartitionProgress> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.windows = context.getStateStore(WindowsTopology.OPEN_WINDOWS);
        this.totals = context.getStateStore(WindowsTopology.TOTALS);
        this.stations = context.getStateStore(WindowsTopology.STATIONS);
        this.progress = context.getStateStore(WindowsTopology.PROGRESS);
        Long stored = progress.get(WindowsTopology.CLOSED_THROUGH);
        anyClosed = stored != null;
        closedThrough = anyClosed ? stored : Long.MIN_VALUE;
    }

    @Override
    public void process(Record<String, Reading> record) {
        Reading r = record.value();
        long ts = record.timestamp();
        add(PartitionTotals.TOTAL);
        add(PartitionTotals.yearKey(r.year()));
        add(PartitionTotals.monthKey(r.month()));
        StationStats so = stations.get(r.station());
        stations.put(r.station(), so == null ? StationStats.of(r.degrees(), r.day()) : so.plus(r.degrees(), r.day()));

        long id = ids.id(ts);
        if (anyClosed && id <= closedThrough) {
            add(PartitionTotals.LATE);
            events.late(partition, context.recordMetadata().map(m -> m.offset()).orElse(-1L), r.station(), ts, id);
        } else {
            long start = ids.startMs(id);
            StationStats s = windows.fetch(r.station(), start);
            windows.put(r.station(), s == null ? StationStats.of(r.degrees(), r.day()) : s.plus(r.degrees(), r.day()), start);
        }

        long last = ids.lastClosed(ts);
        if (!anyClosed || last > closedThrough) {
            List<PartitionWindow> closing = closedParts(anyClosed ? closedThrough + 1 : Long.MIN_VALUE, last);
            closedThrough = last;
            anyClosed = true;
            progress.put(WindowsTopology.CLOSED_THROUGH, last);
            context.forward(new Record<>(partition, new PartitionProgress(partition, last, closing), ts));
        }
    }

    private void add(String key) {
        Long n = totals.get(key);
        totals.put(key, n == null ? 1L : n + 1);
    }

    /** This partition's parts of the windows {@code from..to} that had readings, in id order. */
    private List<PartitionWindow> closedParts(long from, long to) {
        Map<Long, TreeMap<String, StationStats>> byWindow = new TreeMap<>();
        long fromMs = from == Long.MIN_VALUE ? 0 : Math.max(0, ids.startMs(from));
        long toMs = ids.startMs(to);
        if (toMs < fromMs) {
            return List.of();
        }
        try (KeyValueIterator<Windowed<String>, StationStats> it =
                windows.fetchAll(Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs))) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, StationStats> kv = it.next();
                byWindow.computeIfAbsent(ids.id(kv.key.window().start()), k -> new TreeMap<>()).put(kv.key.key(), kv.value);
            }
        }
        List<PartitionWindow> out = new ArrayList<>();
        byWindow.forEach((windowId, stats) -> out.add(new PartitionWindow(windowId, partition, stats)));
        return out;
    }
}
