package io.weatherpipeline.consumer.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every batch file records about itself in its Parquet footer (key-value metadata), so that
 * recovery and readers can tell exactly which offsets a file holds without a checkpoint.
 *
 * <p>A batch covers the offsets {@code [startOffset, nextOffset)} of its partition: {@code startOffset}
 * is where reading resumed (the previous checkpoint), {@code nextOffset} the checkpoint after it.
 * Offsets in that range that hold no row were transaction markers, records of aborted transactions
 * (invisible under read_committed), or poison records sent to the dead-letter topic, which are
 * listed.
 */
public record BatchFooter(String topic, int partition, long batchId, long startOffset, long nextOffset,
        long firstOffset, long lastOffset, long rows, List<Long> deadLetteredOffsets) {

    static final String PREFIX = "weather.";

    public BatchFooter {
        deadLetteredOffsets = List.copyOf(deadLetteredOffsets);
        if (nextOffset < startOffset) {
            throw new IllegalArgumentException("batch " + batchId + " ends at " + nextOffset + " before it starts at "
                    + startOffset);
        }
    }

    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "topic", topic);
        m.put(PREFIX + "partition", Integer.toString(partition));
        m.put(PREFIX + "batch_id", Long.toString(batchId));
        m.put(PREFIX + "start_offset", Long.toString(startOffset));
        m.put(PREFIX + "next_offset", Long.toString(nextOffset));
        m.put(PREFIX + "first_offset", Long.toString(firstOffset));
        m.put(PREFIX + "last_offset", Long.toString(lastOffset));
        m.put(PREFIX + "rows", Long.toString(rows));
        m.put(PREFIX + "dead_lettered_offsets", String.join(",", deadLetteredOffsets.stream().map(String::valueOf).toList()));
        return m;
    }

    /**
     * Reads the footer back.
     *
     * @throws IllegalArgumentException naming the missing or malformed key
     */
    public static BatchFooter fromMetadata(Map<String, String> m) {
        List<Long> dead = new ArrayList<>();
        String list = get(m, "dead_lettered_offsets");
        if (!list.isEmpty()) {
            for (String s : list.split(",")) {
                dead.add(parseLong("dead_lettered_offsets", s));
            }
        }
        return new BatchFooter(get(m, "topic"), (int) number(m, "partition"), number(m, "batch_id"),
                number(m, "start_offset"), number(m, "next_offset"), number(m, "first_offset"),
                number(m, "last_offset"), number(m, "rows"), dead);
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.get(PREFIX + key);
        if (v == null) {
            throw new IllegalArgumentException("footer has no " + PREFIX + key + " (not written by consumer-service?)");
        }
        return v;
    }

    private static long number(Map<String, String> m, String key) {
        return parseLong(key, get(m, key));
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("footer " + PREFIX + key + " is not a number: '" + value + "'");
        }
    }
}
