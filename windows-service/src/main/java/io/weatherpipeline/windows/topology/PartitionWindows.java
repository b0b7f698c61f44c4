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
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import io.weatherpipeline.windows.model.PartitionProgress;
import io.weatherpipeline.windows.model.PartitionWindow;
import io.weatherpipeline.windows.model.StationState;
import io.weatherpipeline.windows.model.StationStats;
import io.weatherpipeline.windows.model.WindowIds;

/**
 * The work of one input partition (one task): adds every reading to its station's state (statistics so
 * far, current window, current month: one store read and one write per reading) and closes windows by
 * this partition's <b>stream time</b> (the largest record timestamp seen): when it reaches a window's
 * end + grace, the window is closed here and this partition's part is sent to the {@link WindowCloser}
 * with the new frontier. A reading for a window already closed here is late: counted in the totals, in
 * no window.
 *
 * <p>A station's earlier windows still open (it moved on, or an out-of-order reading) live in the window
 * store, and its earlier months' counts in the year-month store: written once per window or month left.
 *
 * <p>Everything it decides follows from the partition's records in offset order, so a task restored
 * from its changelog after a crash sends the same parts again, byte for byte.
 */
final class PartitionWindows implements Processor<String, Reading, Integer, PartitionProgress> {

    private final WindowIds ids;
    private final TopologyEvents events;
    private ProcessorContext<Integer, PartitionProgress> context;
    private int partition;
    private KeyValueStore<String, StationState> stations;
    private KeyValueStore<Integer, Long> yearMonths;
    private WindowStore<String, StationStats> windows;
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
        this.stations = context.getStateStore(WindowsTopology.STATIONS);
        this.yearMonths = context.getStateStore(WindowsTopology.YEAR_MONTHS);
        this.windows = context.getStateStore(WindowsTopology.OPEN_WINDOWS);
        this.progress = context.getStateStore(WindowsTopology.PROGRESS);
        Long stored = progress.get(WindowsTopology.CLOSED_THROUGH);
        anyClosed = stored != null;
        closedThrough = anyClosed ? stored : Long.MIN_VALUE;
    }

    @Override
    public void process(Record<String, Reading> record) {
        Reading r = record.value();
        long ts = record.timestamp();
        long id = ids.id(ts);
        int ym = StationState.yearMonth(r.year(), r.month());
        boolean late = anyClosed && id <= closedThrough;

        StationState st = stations.get(r.station());
        if (st == null) {
            st = late ? StationState.first(r.degrees(), r.day(), Long.MIN_VALUE, ym).plusLate()
                    : StationState.first(r.degrees(), r.day(), id, ym);
        } else {
            if (st.yearMonth() != ym) {
                addToYearMonth(st.yearMonth(), st.yearMonthCount());
            }
            st = st.counted(r.degrees(), r.day(), ym);
            if (late) {
                st = st.plusLate();
            } else if (id == st.windowId()) {
                st = st.inWindow(r.degrees(), r.day());
            } else if (id > st.windowId()) {
                if (isOpen(st.windowId())) {
                    windows.put(r.station(), st.window(), ids.startMs(st.windowId()));
                }
                st = st.movedTo(id, r.degrees(), r.day());
            } else {
                // An earlier window of this station, still open: out of order within the grace.
                long start = ids.startMs(id);
                StationStats s = windows.fetch(r.station(), start);
                windows.put(r.station(), s == null ? StationStats.of(r.degrees(), r.day()) : s.plus(r.degrees(), r.day()), start);
            }
        }
        stations.put(r.station(), st);
        if (late) {
            events.late(partition, context.recordMetadata().map(m -> m.offset()).orElse(-1L), r.station(), ts, id);
        }

        long last = ids.lastClosed(ts);
        if (!anyClosed || last > closedThrough) {
            List<PartitionWindow> closing = closedParts(anyClosed ? closedThrough : Long.MIN_VALUE, last);
            closedThrough = last;
            anyClosed = true;
            progress.put(WindowsTopology.CLOSED_THROUGH, last);
            context.forward(new Record<>(partition, new PartitionProgress(partition, last, closing), ts));
        }
    }

    private boolean isOpen(long windowId) {
        return windowId != Long.MIN_VALUE && !(anyClosed && windowId <= closedThrough);
    }

    private void addToYearMonth(int ym, long n) {
        Long before = yearMonths.get(ym);
        yearMonths.put(ym, before == null ? n : before + n);
    }

    /**
     * This partition's parts of the windows after {@code after} up to {@code to} that had readings, in id
     * order: from the window store, and from the stations whose current window is among them.
     */
    private List<PartitionWindow> closedParts(long after, long to) {
        Map<Long, TreeMap<String, StationStats>> byWindow = new TreeMap<>();
        long fromMs = after == Long.MIN_VALUE ? 0 : Math.max(0, ids.startMs(after + 1));
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
        try (KeyValueIterator<String, StationState> it = stations.all()) {
            while (it.hasNext()) {
                KeyValue<String, StationState> kv = it.next();
                long w = kv.value.windowId();
                if (w != Long.MIN_VALUE && w > after && w <= to) {
                    byWindow.computeIfAbsent(w, k -> new TreeMap<>()).merge(kv.key, kv.value.window(), StationStats::merge);
                }
            }
        }
        List<PartitionWindow> out = new ArrayList<>();
        byWindow.forEach((windowId, stats) -> out.add(new PartitionWindow(windowId, partition, stats)));
        return out;
    }
}
