package io.weatherpipeline.windows.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A window not closed yet, so far: its readings from every partition, which partitions have passed its
 * end + grace ({@code closed_in}) and which it still waits for ({@code waiting_for}: a partition whose
 * stream time has not moved past it, e.g. because no reading came since).
 */
@JsonPropertyOrder({"id", "start", "end", "total", "closed_in", "waiting_for", "partitions", "stations"})
public record OpenWindow(long id, Instant start, Instant end, long total,
        @JsonProperty("closed_in") List<Integer> closedIn, @JsonProperty("waiting_for") List<Integer> waitingFor,
        SortedMap<Integer, Long> partitions, SortedMap<String, WindowFile.Station> stations) {

    /**
     * The windows after the closer's {@code closedThrough}, from the closer's pending parts (for the
     * partitions it has heard closing them) and the partitions' own window stores (for the others).
     */
    public static List<OpenWindow> of(WindowIds ids, int partitionCount, CloserState closer,
            Collection<PartitionState> partitions) {
        long after = closer.closedThrough() == null ? Long.MIN_VALUE : closer.closedThrough();
        Map<Long, Map<Integer, PartitionWindow>> pending = new HashMap<>();
        TreeSet<Long> windowIds = new TreeSet<>();
        for (PartitionWindow w : closer.pending()) {
            if (w.windowId() > after) {
                pending.computeIfAbsent(w.windowId(), k -> new HashMap<>()).put(w.partition(), w);
                windowIds.add(w.windowId());
            }
        }
        Map<Integer, PartitionState> byPartition = new HashMap<>();
        for (PartitionState p : partitions) {
            byPartition.put(p.partition(), p);
            for (PartitionWindow w : p.open()) {
                if (w.windowId() > after) {
                    windowIds.add(w.windowId());
                }
            }
        }
        List<OpenWindow> out = new ArrayList<>();
        for (long id : windowIds) {
            List<PartitionWindow> parts = new ArrayList<>();
            List<Integer> closedIn = new ArrayList<>();
            List<Integer> waitingFor = new ArrayList<>();
            for (int p = 0; p < partitionCount; p++) {
                Long heard = closer.frontiers().get(p);
                PartitionState state = byPartition.get(p);
                PartitionWindow part;
                if (heard != null && heard >= id) {
                    part = pending.getOrDefault(id, Map.of()).get(p);
                } else {
                    part = state == null ? null
                            : state.open().stream().filter(w -> w.windowId() == id).findFirst().orElse(null);
                }
                if (part != null) {
                    parts.add(part);
                }
                Long own = state != null && state.closedThrough() != null ? state.closedThrough() : heard;
                (own != null && own >= id ? closedIn : waitingFor).add(p);
            }
            WindowFile w = WindowFile.assemble(ids, id, partitionCount, parts);
            out.add(new OpenWindow(id, w.start(), w.end(), w.total(), closedIn, waitingFor, w.partitions(),
                    w.stations()));
        }
        return out;
    }
}
