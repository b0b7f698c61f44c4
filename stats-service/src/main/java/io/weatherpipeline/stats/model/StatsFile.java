package io.weatherpipeline.stats.model;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Month;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The statistics file of one partition, {@code partition-N.json}, the seeds' format keyed by station:
 * <pre>{"partition": 2, "offset": 4117,
 *  "StationC": {"January": {"2000": {"count": 31, "sum": 101.2, "avg": 3.2645,
 *                                    "start": "2000-01-01", "end": "2000-01-31"}}}}</pre>
 * {@code offset} is the next offset to read; stations are sorted, months in calendar order, years
 * ascending. {@code sum} is written in full so a restart continues it exactly; {@code avg} is
 * rounded to four decimals, for people. The offset and the statistics share one file, so they never
 * disagree. Pure and thread-safe.
 */
public final class StatsFile {

    private static final JsonFactory JSON = new JsonFactory();

    // Duplicate keys and trailing text are damage, not something to resolve silently.
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern FILE_NAME = Pattern.compile("partition-(0|[1-9]\\d{0,8})\\.json");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Set<String> ENTRY_FIELDS = Set.of("count", "sum", "avg", "start", "end");
    private static final double AVG_SCALE = 1e4;

    private StatsFile() {
    }

    /** The file name of {@code partition}'s statistics. */
    public static String fileName(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition " + partition + " is negative");
        }
        return "partition-" + partition + ".json";
    }

    /** The partition whose statistics a file of this name holds; empty for any other name. */
    public static OptionalInt partitionOf(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** A month's name as the file spells it: {@code January}. */
    public static String monthName(Month month) {
        String upper = month.name();
        return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * The month a name as the file spells it stands for.
     *
     * @throws IllegalArgumentException listing the names there are
     */
    public static Month monthNamed(String name) {
        for (Month m : Month.values()) {
            if (monthName(m).equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a month name (January, February, ..., December)");
    }

    public static String toJson(PartitionStats stats) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField(PartitionStats.PARTITION_KEY, stats.partition());
            g.writeNumberField(PartitionStats.OFFSET_KEY, stats.nextOffset());
            for (String station : stats.stations()) {
                writeStation(g, station, stats.months(station));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    /**
     * The statistics of several partitions in one object, station → month → year, without partition
     * and offset (what {@code GET /stats} answers). A station found in several partitions (after the
     * topic was repartitioned) has its entries combined.
     */
    public static String mergedJson(Collection<PartitionStats> partitions) {
        Map<String, Map<Integer, MonthStats>> byStation = new TreeMap<>();
        for (PartitionStats p : partitions) {
            for (String station : p.stations()) {
                Map<Integer, MonthStats> entries = byStation.computeIfAbsent(station, k -> new TreeMap<>());
                for (MonthStats e : p.months(station)) {
                    // Keyed month first, then year: the order of the file.
                    entries.merge(e.month().getValue() * 100_000 + e.year(), e, MonthStats::combine);
                }
            }
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Map<Integer, MonthStats>> station : byStation.entrySet()) {
                writeStation(g, station.getKey(), List.copyOf(station.getValue().values()));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    /** One station's entries, given in calendar-month then year order. */
    private static void writeStation(JsonGenerator g, String station, List<MonthStats> entries) throws IOException {
        g.writeObjectFieldStart(station);
        Month month = null;
        for (MonthStats e : entries) {
            if (e.month() != month) {
                if (month != null) {
                    g.writeEndObject();
                }
                month = e.month();
                g.writeObjectFieldStart(monthName(month));
            }
            g.writeObjectFieldStart(yearKey(e.year()));
            g.writeNumberField("count", e.count());
            g.writeNumberField("sum", e.sum());
            g.writeNumberField("avg", Math.round(e.avg() * AVG_SCALE) / AVG_SCALE);
            g.writeStringField("start", PackedDate.format(e.packedStart()));
            g.writeStringField("end", PackedDate.format(e.packedEnd()));
            g.writeEndObject();
        }
        if (month != null) {
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * Reads a statistics file's content.
     *
     * @param expectedPartition the partition its name says it holds
     * @throws IllegalArgumentException saying what is wrong and where, when it is not the statistics of
     *     {@code expectedPartition}
     */
    public static PartitionStats parse(String text, int expectedPartition) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("not JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode partition = root.get(PartitionStats.PARTITION_KEY);
        if (partition == null || !partition.isIntegralNumber() || !partition.canConvertToInt()) {
            throw new IllegalArgumentException("\"partition\" is " + describe(partition) + ", not a partition number");
        }
        if (partition.intValue() != expectedPartition) {
            throw new IllegalArgumentException("\"partition\" is " + partition.intValue() + " in the file of partition "
                    + expectedPartition);
        }
        JsonNode offset = root.get(PartitionStats.OFFSET_KEY);
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong() || offset.longValue() < 0) {
            throw new IllegalArgumentException("\"offset\" is " + describe(offset) + ", not an offset (0 or more)");
        }
        PartitionStats stats = new PartitionStats(expectedPartition, offset.longValue());
        for (Map.Entry<String, JsonNode> station : root.properties()) {
            String id = station.getKey();
            if (id.equals(PartitionStats.PARTITION_KEY) || id.equals(PartitionStats.OFFSET_KEY)) {
                continue;
            }
            for (MonthStats entry : entries(id, station.getValue())) {
                stats.restore(id, entry);
            }
        }
        return stats;
    }

    /** The entries of one station's object, each checked. */
    private static List<MonthStats> entries(String station, JsonNode months) {
        String where = "\"" + station + "\"";
        nonEmptyObject(where, months);
        List<MonthStats> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> m : months.properties()) {
            String monthWhere = where + "." + m.getKey();
            Month month;
            try {
                month = monthNamed(m.getKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            nonEmptyObject(monthWhere, m.getValue());
            for (Map.Entry<String, JsonNode> y : m.getValue().properties()) {
                String entryWhere = monthWhere + "." + y.getKey();
                if (!YEAR.matcher(y.getKey()).matches()) {
                    throw new IllegalArgumentException(monthWhere + ": '" + y.getKey() + "' is not a four-digit year");
                }
                entries.add(entry(entryWhere, Integer.parseInt(y.getKey()), month, y.getValue()));
            }
        }
        return entries;
    }

    private static MonthStats entry(String where, int year, Month month, JsonNode e) {
        if (e == null || !e.isObject()) {
            throw new IllegalArgumentException(where + " is " + describe(e) + ", not an object");
        }
        for (Map.Entry<String, JsonNode> field : e.properties()) {
            String name = field.getKey();
            if (!ENTRY_FIELDS.contains(name)) {
                throw new IllegalArgumentException(where + " has an unknown field \"" + name + "\"");
            }
        }
        JsonNode countNode = field(where, e, "count");
        if (!countNode.isIntegralNumber() || !countNode.canConvertToLong() || countNode.longValue() < 1) {
            throw new IllegalArgumentException(where + ".count is " + describe(countNode) + ", not a count (1 or more)");
        }
        long count = countNode.longValue();
        double sum = finite(where + ".sum", field(where, e, "sum"));
        double avg = finite(where + ".avg", field(where, e, "avg"));
        int start = date(where + ".start", field(where, e, "start"));
        int end = date(where + ".end", field(where, e, "end"));
        String monthYear = monthName(month) + " " + year;
        if (PackedDate.year(start) != year || PackedDate.month(start) != month.getValue()) {
            throw new IllegalArgumentException(where + ".start " + PackedDate.format(start) + " is not in " + monthYear);
        }
        if (PackedDate.year(end) != year || PackedDate.month(end) != month.getValue()) {
            throw new IllegalArgumentException(where + ".end " + PackedDate.format(end) + " is not in " + monthYear);
        }
        if (end < start) {
            throw new IllegalArgumentException(where + ".end " + PackedDate.format(end) + " is before its start "
                    + PackedDate.format(start));
        }
        // One reading per day at most, and two different days take at least two readings.
        long days = end % 100 - start % 100 + 1;
        if (count > days || (days > 1 && count < 2)) {
            throw new IllegalArgumentException(where + ".count " + count + " does not fit " + PackedDate.format(start)
                    + ".." + PackedDate.format(end) + " (" + days + " days)");
        }
        double exact = sum / count;
        if (Math.abs(avg - exact) > 1 / AVG_SCALE + Math.ulp(exact) * 16) {
            throw new IllegalArgumentException(where + ".avg " + avg + " is not sum / count = " + exact);
        }
        return new MonthStats(year, month.getValue(), count, sum, start, end);
    }

    /** Four digits, as {@link #YEAR} expects. */
    private static String yearKey(int year) {
        String digits = Integer.toString(year);
        return "0000".substring(digits.length()) + digits;
    }

    private static void nonEmptyObject(String where, JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException(where + " is " + describe(node) + ", not an object with entries");
        }
    }

    private static JsonNode field(String where, JsonNode entry, String name) {
        JsonNode value = entry.get(name);
        if (value == null) {
            throw new IllegalArgumentException(where + " has no \"" + name + "\"");
        }
        return value;
    }

    private static double finite(String where, JsonNode value) {
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException(where + " is " + describe(value) + ", not a finite number");
        }
        return value.doubleValue();
    }

    private static int date(String where, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + " is " + describe(value) + ", not a date yyyy-MM-dd");
        }
        try {
            return PackedDate.parse(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static String describe(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
