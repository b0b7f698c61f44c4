package io.weatherpipeline.windows.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.weatherpipeline.windows.model.PartitionProgress;
import io.weatherpipeline.windows.model.PartitionWindow;
import io.weatherpipeline.windows.model.WindowFile;
import io.weatherpipeline.windows.model.WindowIds;

/**
 * Closes windows for the whole topic, in the one task of the closer's single-partition topic: it keeps
 * each partition's parts until every input partition has reported the window closed (its frontier at
 * or past it), then assembles the window's file ({@link WindowFile}, canonical JSON) into the closed
 * windows store, where the API and the HDFS writer find it. Windows without readings get no file.
 * Closed windows older than the retention are dropped from the store (their files stay on HDFS).
 *
 * <p>The result does not depend on the order in which partitions' messages arrive: a window closes only
 * when all parts are in, and parts are merged by partition number.
 */
final class WindowCloser implements Processor<Integer, PartitionProgress, Void, Void> {

    private final WindowIds ids;
    private final int partitionCount;
    private final long retainedWindows;
    private final TopologyEvents events;
    private KeyValueStore<Integer, Long> frontiers;
    private KeyValueStore<Long, PartitionWindow> pending;
    private KeyValueStore<Long, String> closed;

    WindowCloser(WindowIds ids, int partitionCount, long retainedWindows, TopologyEvents events) {
        this.ids = ids;
        this.partitionCount = partitionCount;
        this.retainedWindows = retainedWindows;
        this.events = events;
    }

    /** The pending-store key of partition {@code partition}'s part of window {@code windowId}: sorts by window, then partition. */
    static long pendingKey(long windowId, int partition) {
        return windowId * WindowsTopology.MAX_PARTITIONS + partition;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        frontiers = context.getStateStore(WindowsTopology.FRONTIERS);
        pending = context.getStateStore(WindowsTopology.PENDING);
        closed = context.getStateStore(WindowsTopology.CLOSED_WINDOWS);
    }

    @Override
    public void process(Record<Integer, PartitionProgress> record) {
        PartitionProgress p = record.value();
        if (p.partition() < 0 || p.partition() >= partitionCount) {
            throw new IllegalStateException("progress of partition " + p.partition() + ", but the input topic has "
                    + partitionCount + " partitions (was it given more? restart the service)");
        }
        for (PartitionWindow w : p.windows()) {
            pending.put(pendingKey(w.windowId(), w.partition()), w);
        }
        frontiers.put(p.partition(), p.closedThrough());

        Long all = null;
        for (int i = 0; i < partitionCount; i++) {
            Long f = frontiers.get(i);
            if (f == null) {
                return; // a partition that has not reported yet holds every window open
            }
            all = all == null ? f : Math.min(all, f);
        }
        Long before = frontiers.get(WindowsTopology.ALL_PARTITIONS);
        if (before != null && all <= before) {
            return;
        }
        close(before, all);
        frontiers.put(WindowsTopology.ALL_PARTITIONS, all);
    }

    /** Closes every window with parts after {@code before} (null: from the first) up to {@code through}. */
    private void close(Long before, long through) {
        Map<Long, List<PartitionWindow>> byWindow = new TreeMap<>();
        List<Long> done = new ArrayList<>();
        long from = before == null ? 0 : Math.max(0, pendingKey(before + 1, 0));
        long to = pendingKey(through, WindowsTopology.MAX_PARTITIONS - 1);
        if (to >= from) {
            try (KeyValueIterator<Long, PartitionWindow> it = pending.range(from, to)) {
                while (it.hasNext()) {
                    KeyValue<Long, PartitionWindow> kv = it.next();
                    byWindow.computeIfAbsent(kv.value.windowId(), k -> new ArrayList<>()).add(kv.value);
                    done.add(kv.key);
                }
            }
        }
        for (Map.Entry<Long, List<PartitionWindow>> e : byWindow.entrySet()) {
            WindowFile file = WindowFile.assemble(ids, e.getKey(), partitionCount, e.getValue());
            closed.put(e.getKey(), file.toJson());
            events.closed(file);
        }
        done.forEach(pending::delete);
        evictBefore(through - retainedWindows + 1);
    }

    private void evictBefore(long firstKept) {
        if (firstKept <= 0) {
            return;
        }
        List<Long> old = new ArrayList<>();
        try (KeyValueIterator<Long, String> it = closed.range(0L, firstKept - 1)) {
            while (it.hasNext()) {
                old.add(it.next().key);
            }
        }
        old.forEach(closed::delete);
    }
}
