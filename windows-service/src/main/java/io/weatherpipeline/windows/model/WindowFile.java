package io.weatherpipeline.windows.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A closed window as it is written to HDFS ({@code window-<id>.json}) and answered by
 * {@code GET /window?id=N}: start and end, the total, the count of every input partition (zero
 * included) and, per station, count, min, max, average degrees and first and last reading date.
 *
 * <p>The JSON is canonical (fixed field order, sorted maps, no whitespace): the same window always gives
 * the same bytes, which is what lets a rewrite after a crash be recognised as harmless.
 */
@JsonPropertyOrder({"id", "start", "end", "total", "partitions", "stations"})
public record WindowFile(long id, Instant start, Instant end, long total, SortedMap<Integer, Long> partitions,
        SortedMap<String, Station> stations) {

    /** One station's readings in the window. */
    @JsonPropertyOrder({"count", "min", "max", "avg", "first_date", "last_date"})
    public record Station(long count, double min, double max, double avg,
            @JsonProperty("first_date") LocalDate firstDate, @JsonProperty("last_date") LocalDate lastDate) {

        static Station of(StationStats s) {
            return new Station(s.count(), s.min(), s.max(), s.average(), s.firstDate(), s.lastDate());
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public WindowFile {
        partitions = new TreeMap<>(partitions);
        stations = new TreeMap<>(stations);
        long sum = 0;
        for (long n : partitions.values()) {
            sum += n;
        }
        if (sum != total) {
            throw new IllegalArgumentException("window " + id + ": partition counts add up to " + sum + ", total is " + total);
        }
    }

    /**
     * The window {@code id} from its partitions' parts (each partition at most once), whatever order they
     * came in: parts are merged by partition number, stations by name.
     *
     * @param partitionCount partitions of the input topic: each appears in {@code partitions}, zero when absent
     */
    public static WindowFile assemble(WindowIds ids, long id, int partitionCount, Collection<PartitionWindow> parts) {
        List<PartitionWindow> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(PartitionWindow::partition));
        SortedMap<Integer, Long> partitions = new TreeMap<>();
        for (int p = 0; p < partitionCount; p++) {
            partitions.put(p, 0L);
        }
        SortedMap<String, StationStats> merged = new TreeMap<>();
        long total = 0;
        Integer previous = null;
        for (PartitionWindow part : sorted) {
            if (part.windowId() != id) {
                throw new IllegalArgumentException("a part of window " + part.windowId() + " given for window " + id);
            }
            if (previous != null && previous == part.partition()) {
                throw new IllegalArgumentException("window " + id + " has two parts of partition " + part.partition());
            }
            previous = part.partition();
            long n = part.count();
            partitions.merge(part.partition(), n, Long::sum);
            total += n;
            part.stations().forEach((station, stats) -> merged.merge(station, stats, StationStats::merge));
        }
        SortedMap<String, Station> stations = new TreeMap<>();
        merged.forEach((station, stats) -> stations.put(station, Station.of(stats)));
        return new WindowFile(id, ids.start(id), ids.end(id), total, partitions, stations);
    }

    /** The file name of window {@code id}. */
    public static String fileName(long id) {
        return "window-" + id + ".json";
    }

    /** The id in a window file's name, or -1 when {@code name} is not one. */
    public static long idOf(String name) {
        if (!name.startsWith("window-") || !name.endsWith(".json")) {
            return -1;
        }
        String digits = name.substring("window-".length(), name.length() - ".json".length());
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a window file.
     *
     * @throws IOException naming what is wrong when {@code json} is not one
     */
    public static WindowFile parse(String json) throws IOException {
        try {
            return JSON.readValue(json, WindowFile.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException("not a window file: " + e.getMessage(), e);
        }
    }
}
