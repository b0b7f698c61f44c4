package io.weatherpipeline.dashboard.view;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the other services' HTTP answers into the dashboard's values. Pure and thread-safe.
 *
 * <p>generator-, consumer- and stats-service answers are read exactly as those services write them.
 * alerts-service and windows-service are read by the field names of their issues (#13, #14) with a few
 * spellings accepted for each ({@code station_id} or {@code station}, a list or an object keyed by
 * station), so that a small difference in their JSON shows as data rather than as an empty panel. An
 * answer that is not JSON, or lacks what is needed, is an {@link IllegalArgumentException} naming what
 * is missing.
 */
public final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    /** generator-service {@code GET /stations}: {@code [{"station_id", "active", "last_date"}]}. */
    public static List<Station> stations(String body) {
        List<Station> out = new ArrayList<>();
        for (JsonNode n : array(parse(body), "stations")) {
            out.add(new Station(required(n, "station_id").asText(), n.path("active").asBoolean(false),
                    textOrNull(n, "last_date")));
        }
        return out;
    }

    /**
     * {@code /q/health/ready} of any service: 200 is ready; otherwise the first {@code waiting_for} or
     * {@code error} of a check that is down says why.
     */
    public static Health health(int status, String body) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> why = new ArrayList<>();
        List<String> downChecks = new ArrayList<>();
        JsonNode root = tryParse(body);
        if (root != null) {
            for (JsonNode check : root.path("checks")) {
                JsonNode d = check.path("data");
                d.fields().forEachRemaining(f -> data.put(f.getKey(), scalar(f.getValue())));
                if (!"UP".equals(check.path("status").asText())) {
                    downChecks.add(check.path("name").asText("?"));
                    for (String key : List.of("waiting_for", "error")) {
                        if (d.hasNonNull(key)) {
                            why.add(d.get(key).asText());
                        }
                    }
                }
            }
        }
        if (status == 200) {
            return new Health(true, null, data);
        }
        String detail = !why.isEmpty() ? String.join("; ", why)
                : !downChecks.isEmpty() ? "down: " + String.join(", ", downChecks)
                : "HTTP " + status;
        return new Health(false, detail, data);
    }

    /** consumer-service {@code GET /partitions}: {@code [{"partition", "assigned", "batch_id"?, "offset"?}]}. */
    public static List<Checkpoint> partitions(String body, String consumer) {
        List<Checkpoint> out = new ArrayList<>();
        for (JsonNode n : array(parse(body), "partitions")) {
            out.add(new Checkpoint(required(n, "partition").asInt(), n.path("assigned").asBoolean(false),
                    longOrNull(n, "batch_id"), longOrNull(n, "offset"), consumer));
        }
        return out;
    }

    /** stats-service {@code GET /stats}: station → month → year → {@code {count, sum, ...}}. */
    public static MonthTable months(String body) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw new IllegalArgumentException("statistics are not a JSON object");
        }
        List<MonthTable.Entry> entries = new ArrayList<>();
        root.fields().forEachRemaining(station -> station.getValue().fields().forEachRemaining(month ->
                month.getValue().fields().forEachRemaining(year -> {
                    JsonNode e = year.getValue();
                    int y;
                    try {
                        y = Integer.parseInt(year.getKey());
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException("'" + year.getKey() + "' under " + station.getKey() + " "
                                + month.getKey() + " is not a year");
                    }
                    entries.add(new MonthTable.Entry(station.getKey(), month.getKey(), y,
                            required(e, "count").asLong(), required(e, "sum").asDouble()));
                })));
        return MonthTable.of(entries);
    }

    /**
     * The sum of a Prometheus counter or gauge over all its label sets in {@code /q/metrics}, or null when
     * the text has no sample of it.
     */
    public static Double metric(String prometheusText, String name) {
        Double sum = null;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            if (!(rest.startsWith(" ") || rest.startsWith("{"))) {
                continue;
            }
            String value = rest.substring(rest.lastIndexOf('}') + 1).trim().split("\\s+")[0];
            try {
                sum = (sum == null ? 0 : sum) + Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("metric " + name + " has value '" + value + "'");
            }
        }
        return sum;
    }

    /** alerts-service {@code GET /alerts}: a list (or {@code {"alerts": [...]}}) of alerts, newest first. */
    public static List<Alert> alerts(String body) {
        List<Alert> out = new ArrayList<>();
        for (JsonNode n : array(parse(body), "alerts")) {
            out.add(new Alert(station(n), textOrNull(n, "date"), doubleOrNull(n, "degrees", "temperature"),
                    doubleOrNull(n, "threshold")));
        }
        return out;
    }

    /**
     * alerts-service {@code GET /alerts/summary}: alerts per station, from a list of
     * {@code {"station_id", "count"}} or an object keyed by station (values a count or {@code {"count"}}).
     */
    public static SortedMap<String, Long> alertCounts(String body) {
        return countsByStation(parse(body), "alerts summary");
    }

    /** windows-service {@code GET /windows?last=K}: a list (or {@code {"windows": [...]}}) of {@code {id, start, end, total}}. */
    public static List<WindowCounts> windows(String body) {
        List<WindowCounts> out = new ArrayList<>();
        for (JsonNode n : array(parse(body), "windows")) {
            out.add(window(n));
        }
        return out;
    }

    /** windows-service {@code GET /window?id=N} or {@code GET /windows/open}: one window with its counts per station. */
    public static WindowCounts window(String body) {
        return window(parse(body));
    }

    /** The NameNode's {@code /jmx?qry=...FSNamesystemState}: its {@code NumLiveDataNodes}. */
    public static int liveDataNodes(String body) {
        JsonNode beans = parse(body).path("beans");
        if (beans.size() == 0 || !beans.get(0).has("NumLiveDataNodes")) {
            throw new IllegalArgumentException("the NameNode's JMX answer has no NumLiveDataNodes");
        }
        return beans.get(0).get("NumLiveDataNodes").asInt();
    }

    /**
     * windows-service {@code GET /windows/open}: the newest open window, from {@code {"windows": [...]}}
     * (windows-service lists every window not closed yet) or a single window; null when none is open.
     */
    public static WindowCounts openWindow(String body) {
        JsonNode root = parse(body);
        JsonNode list = root.isArray() ? root : root.get("windows");
        if (list == null) {
            return window(root);
        }
        WindowCounts newest = null;
        for (JsonNode n : list) {
            WindowCounts w = window(n);
            if (newest == null || w.id() > newest.id()) {
                newest = w;
            }
        }
        return newest;
    }

    /** The text of an error answer: its {@code "error"} (as our services write it), else the body itself, shortened. */
    public static String errorText(int status, String body) {
        JsonNode root = tryParse(body);
        if (root != null && root.hasNonNull("error")) {
            return root.get("error").asText();
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return "HTTP " + status;
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static WindowCounts window(JsonNode n) {
        SortedMap<String, Long> byStation = new TreeMap<>();
        for (String key : List.of("stations", "by_station", "per_station", "station_counts", "counts")) {
            JsonNode s = n.get(key);
            if (s != null && (s.isObject() || s.isArray()) && s.size() > 0) {
                byStation = countsByStation(s, "window " + key);
                break;
            }
        }
        Long total = longOrNull(n, "total", "count");
        if (total == null) {
            total = byStation.values().stream().mapToLong(Long::longValue).sum();
        }
        return new WindowCounts(required(n, "id").asLong(), textOrNull(n, "start"), textOrNull(n, "end"), total,
                byStation);
    }

    private static SortedMap<String, Long> countsByStation(JsonNode root, String what) {
        SortedMap<String, Long> out = new TreeMap<>();
        if (root.isObject() && root.has("stations")) {
            return countsByStation(root.get("stations"), what);
        }
        if (root.isArray()) {
            for (JsonNode n : root) {
                Long count = longOrNull(n, "count", "alerts", "records", "total");
                if (count == null) {
                    throw new IllegalArgumentException(what + ": an entry has no count: " + n);
                }
                out.merge(station(n), count, Long::sum);
            }
        } else if (root.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = root.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                Long count = v.isNumber() ? Long.valueOf(v.asLong()) : longOrNull(v, "count", "alerts", "records", "total");
                if (count == null) {
                    throw new IllegalArgumentException(what + ": station " + f.getKey() + " has no count: " + v);
                }
                out.put(f.getKey(), count);
            }
        } else {
            throw new IllegalArgumentException(what + " is neither a list nor an object");
        }
        return out;
    }

    private static String station(JsonNode n) {
        for (String key : List.of("station_id", "station", "stationId", "sensor")) {
            if (n.hasNonNull(key)) {
                return n.get(key).asText();
            }
        }
        throw new IllegalArgumentException("no station_id in " + n);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the answer is not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode tryParse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The answer itself when it is a list, else its field {@code wrapper} when that is one. */
    private static JsonNode array(JsonNode root, String wrapper) {
        if (root.isArray()) {
            return root;
        }
        JsonNode inner = root.path(wrapper);
        if (inner.isArray()) {
            return inner;
        }
        throw new IllegalArgumentException("expected a list of " + wrapper + ", got " + abbreviate(root));
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("no '" + field + "' in " + abbreviate(n));
        }
        return v;
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String... fields) {
        for (String f : fields) {
            JsonNode v = n.get(f);
            if (v != null && v.isNumber()) {
                return v.asLong();
            }
        }
        return null;
    }

    private static Double doubleOrNull(JsonNode n, String... fields) {
        for (String f : fields) {
            JsonNode v = n.get(f);
            if (v != null && v.isNumber()) {
                return v.asDouble();
            }
        }
        return null;
    }

    private static Object scalar(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
