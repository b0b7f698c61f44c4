package io.weatherpipeline.windows;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.testsupport.ServiceProcess;
import io.weatherpipeline.testsupport.SharedStack;
import io.weatherpipeline.common.hdfs.HdfsClients;
import io.weatherpipeline.windows.model.WindowFile;

/**
 * The packaged service as real processes against a real broker and a real HDFS:
 * <ul>
 * <li>two instances share the work and are killed with SIGKILL at random moments of their processing (10
 * times, once both together) while readings with explicit timestamps keep coming, late readings and poison values among
 * them; HDFS is cut off while the last windows close. Afterwards both instances answer every count
 * exactly as sent, every closed window's file holds exactly its readings, the closed windows add up, and
 * no window file was ever seen with two contents. Then one instance is killed for good and the other
 * answers for all the data alone, still exactly;</li>
 * <li>bad input to the API gets clear 4xx answers, a station is added through a real generator-service,
 * and a generator that is down gets a 502;</li>
 * <li>started before Kafka answers, or before its topic exists, the service says what it waits for.</li>
 * </ul>
 */
class WindowsServiceIT {

    private static final Path WORK = Path.of("target/windows-it").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration DRAIN = Duration.ofSeconds(240);
    private static final long WINDOW_MS = 2_000;
    private static final long GRACE_MS = 500;
    private static final int KILLS = 10;
    /** The write token every instance and the generator get, as under ./weather up. */
    private static final String TOKEN = "windows-it-token-0123456789";
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:/]+:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static String kafka;
    private static StackSettings hdfs;

    @BeforeAll
    static void servers() {
        LocalStack.deleteTree(WORK);
        kafka = SharedStack.ensure(Server.KAFKA).settings().kafkaBootstrapServers();
        hdfs = SharedStack.ensure(Server.HDFS).settings();
    }

    /** A started instance; its HTTP port is read from its log once it has announced it. */
    private static final class Instance {
        private final ServiceProcess process;
        private int port;

        Instance(ServiceProcess process) {
            this.process = process;
        }

        ServiceProcess process() {
            return process;
        }

        boolean listening() {
            return process.log().contains("Listening on: http://");
        }

        int port() {
            if (port == 0) {
                try {
                    port = portOf(process);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return port;
        }
    }

    private static Instance start(String name, Map<String, String> env) {
        return new Instance(ServiceProcess.start(name, env, WORK));
    }

    /** The HTTP port a Quarkus service announces in its log ("Listening on: http://...:PORT"). */
    private static int portOf(ServiceProcess p) throws InterruptedException {
        p.awaitLog("Listening on: http://", START);
        Matcher m = LISTENING.matcher(p.log());
        assertTrue(m.find(), p.log());
        return Integer.parseInt(m.group(1));
    }

    private static Map<String, String> env(String topic, String appId, int slot, String hdfsUri, String generatorUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("WINDOWS_TOPIC", topic);
        env.put("WINDOWS_SIZE", WINDOW_MS + "ms");
        env.put("WINDOWS_GRACE", GRACE_MS + "ms");
        env.put("WINDOWS_HDFS_URI", hdfsUri);
        env.put("WINDOWS_HDFS_DIR", "/" + appId);
        env.put("WINDOWS_GENERATOR_URL", generatorUrl);
        env.put("WEATHER_API_TOKEN", TOKEN);
        env.put("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", appId);
        env.put("KAFKA_STREAMS_STATE_DIR", WORK.resolve(appId + "-state-" + slot).toString());
        // The broker's smallest session: a killed instance's partitions move sooner.
        env.put("KAFKA_STREAMS_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        // Every store write goes to its changelog at once, so that almost any kill leaves changelog records
        // of an open transaction, which exactly-once must abort. With the cache, writes reach the changelog
        // just before each commit, a kill almost never falls between the two, and at_least_once passed this
        // test too (tried: KAFKA_STREAMS_PROCESSING_GUARANTEE=at_least_once).
        env.put("KAFKA_STREAMS_STATESTORE_CACHE_MAX_BYTES", "0");
        return env;
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    /** A write, with the write token as ./weather up would give it. */
    private static HttpResponse<String> post(int port, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> postWithout(int port, String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return send(authorization == null ? b : b.header("Authorization", authorization));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("no answer from " + request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode ok(int port, String path) throws IOException {
        HttpResponse<String> r = get(port, path);
        assertEquals(200, r.statusCode(), path + " answered " + r.body());
        return JSON.readTree(r.body());
    }

    private static Map<String, Long> counts(int port, String by) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        ok(port, "/count?by=" + by).path("counts").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    /** Every window file seen in HDFS, with the content it had first; any other content later is a violation. */
    private static final class FileWatch implements AutoCloseable {
        private final FileSystem fs = HdfsClients.connect(hdfs.hdfsUri(), "the test's HDFS");
        private final org.apache.hadoop.fs.Path dir;
        private final Map<String, String> first = new ConcurrentHashMap<>();
        private final Map<String, String> lastStatus = new ConcurrentHashMap<>();
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        FileWatch(String dir) {
            this.dir = new org.apache.hadoop.fs.Path(dir);
            this.thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        look();
                        Thread.sleep(300);
                    } catch (IOException e) {
                        // HDFS busy: look again next time
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "window-file-watch");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void look() throws IOException {
            if (!fs.exists(dir)) {
                return;
            }
            for (FileStatus st : fs.listStatus(dir)) {
                String name = st.getPath().getName();
                if (WindowFile.idOf(name) < 0) {
                    continue;
                }
                String status = st.getLen() + "@" + st.getModificationTime();
                if (status.equals(lastStatus.get(name))) {
                    continue;
                }
                String content;
                try (InputStream in = fs.open(st.getPath())) {
                    content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                lastStatus.put(name, status);
                String seen = first.putIfAbsent(name, content);
                if (seen != null && !seen.equals(content)) {
                    violations.add(name + " was first " + seen + " and later " + content);
                }
            }
        }

        Map<Long, String> files() throws IOException {
            look();
            Map<Long, String> out = new TreeMap<>();
            first.forEach((name, content) -> out.put(WindowFile.idOf(name), content));
            return out;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(5000);
            fs.close();
        }
    }

    @Test
    void twoInstancesKilledAtRandomLoseAndDoubleNothing() throws Exception {
        String topic = "windows-crash";
        String appId = "windows-crash-it";
        createTopic(topic);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String context = KILLS + " kills at random moments (seed " + seed + ")";

        StackSettings mysql = SharedStack.ensure(Server.MARIADB).settings();
        Map<String, String> generatorEnv = new LinkedHashMap<>();
        generatorEnv.put("QUARKUS_DATASOURCE_REACTIVE_URL", mysql.mysqlReactiveUrl());
        generatorEnv.put("QUARKUS_DATASOURCE_USERNAME", mysql.user());
        generatorEnv.put("QUARKUS_DATASOURCE_PASSWORD", mysql.password());
        generatorEnv.put("GENERATOR_INTERVAL", "1s");
        generatorEnv.put("WEATHER_API_TOKEN", TOKEN);
        ServiceProcess generator = ServiceProcess.start("generator",
                Path.of("../generator-service/target/quarkus-app/quarkus-run.jar").toAbsolutePath(), generatorEnv, WORK);
        int generatorPort = portOf(generator);

        Instance[] running = new Instance[2];
        List<Map<String, String>> envs = new ArrayList<>();
        AtomicBoolean feeding = new AtomicBoolean(true);
        AtomicReference<Exception> feedFailure = new AtomicReference<>();
        long start = Math.floorDiv(System.currentTimeMillis() - 3_600_000, WINDOW_MS) * WINDOW_MS;
        try (TcpGate gate = new TcpGate(Ports.free(), hdfs.nameNodePort());
                FileWatch watch = new FileWatch("/" + appId);
                WindowFeed feed = new WindowFeed(kafka, topic, "windows-crash-feed", start, WINDOW_MS, GRACE_MS,
                        WindowFeed.stations(10))) {
            for (int i = 0; i < 2; i++) {
                envs.add(env(topic, appId, i, "hdfs://localhost:" + gate.port(), "http://localhost:" + generatorPort));
                running[i] = start("windows-" + i + "-0", envs.get(i));
            }
            Thread feeder = new Thread(() -> {
                try {
                    for (int n = 1; feeding.get(); n++) {
                        feed.commit(2, 20, n % 50 == 0, n % 70 == 0);
                        Thread.sleep(25);
                    }
                } catch (Exception e) {
                    feedFailure.set(e);
                }
            }, "window-feed");
            feeder.start();

            int[] generation = new int[2];
            for (int kill = 1; kill <= KILLS; kill++) {
                // A random moment while both process records and commit (a kill during a rebalance proves less).
                await().atMost(DRAIN).pollInterval(Duration.ofMillis(200)).until(() ->
                        streamsState(running[0]).equals("RUNNING") && streamsState(running[1]).equals("RUNNING"));
                Thread.sleep(random.nextInt(2_500));
                List<Integer> victims = kill == KILLS / 2 ? List.of(0, 1) : List.of(random.nextInt(2));
                for (int v : victims) {
                    running[v].process().kill9();
                }
                for (int v : victims) {
                    running[v] = start("windows-" + v + "-" + ++generation[v], envs.get(v));
                }
                assertTrue(feedFailure.get() == null, () -> "the feed failed: " + feedFailure.get());
            }
            feeding.set(false);
            feeder.join(30_000);
            assertTrue(feedFailure.get() == null, () -> "the feed failed: " + feedFailure.get());
            assertEquals(4, feed.byPartition().size(), "the stations should cover every partition: " + feed.partitionOf());

            // HDFS away while the last windows close: they wait, readiness says why, and come once it is back.
            gate.cut();
            long lastId = feed.closeWindows();
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (Instance i : running) {
                    assertTrue(i.process().isAlive(), () -> "an instance died; see " + i.process().logFile());
                }
                return get(running[0].port(), "/window?id=" + lastId).statusCode() == 200
                        && (waitingFor(running[0]).contains("HDFS at hdfs://localhost:" + gate.port())
                                || waitingFor(running[1]).contains("HDFS at hdfs://localhost:" + gate.port()));
            });
            assertTrue(!watch.files().containsKey(lastId), "window " + lastId + " reached HDFS through a cut gate");
            gate.open();

            Map<Long, Map<String, WindowFeed.Cell>> expected = feed.windows();
            expected.keySet().removeIf(id -> id > lastId);
            // Until every reading is counted (a count above what was sent is then reported by assertExact).
            await("count?by=total reaching " + feed.total() + " and every closed window on HDFS").atMost(DRAIN)
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        for (Instance i : running) {
                            assertTrue(i.process().isAlive(), () -> "an instance died; see " + i.process().logFile());
                        }
                        HttpResponse<String> total = get(running[0].port(), "/count?by=total");
                        return total.statusCode() == 200
                                && JSON.readTree(total.body()).path("total").asLong() >= feed.total()
                                && watch.files().keySet().containsAll(expected.keySet());
                    });
            for (Instance i : running) {
                assertExact(i.port(), feed, expected, lastId, watch.files(), context + ", asking " + i.process().logFile());
            }
            assertEquals(List.of(), watch.violations, context + ": window files rewritten with other content");
            assertEquals(expected.keySet(), watch.files().keySet(), context + ": window files on HDFS");
            await().atMost(START).until(() -> waitingFor(running[0]).isEmpty() && waitingFor(running[1]).isEmpty());

            // One instance gone for good: the other takes all partitions and the closer, and answers alone.
            running[1].process().kill9();
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(500)).until(() ->
                    get(running[0].port(), "/q/health/ready").statusCode() == 200
                            && get(running[0].port(), "/count?by=partition").statusCode() == 200
                            && get(running[0].port(), "/windows?last=1").statusCode() == 200);
            assertExact(running[0].port(), feed, expected, lastId, watch.files(), context + ", one instance left");
            assertEquals(List.of(), watch.violations, context + ": window files rewritten with other content");
            String metrics = get(running[0].port(), "/q/metrics").body();
            assertTrue(metrics.contains("windows_records_poison_total"), "poison metric");

            badInputsGetClearAnswers(running[0].port(), lastId, start);
            addsStationsThroughTheGenerator(running[0].port(), generator, generatorPort);
        } finally {
            feeding.set(false);
            for (Instance i : running) {
                if (i != null) {
                    i.process().stop();
                }
            }
            generator.stop();
        }
    }

    /** The Kafka Streams state an instance reports on readiness, or "" when it does not answer yet. */
    private static String streamsState(Instance i) {
        if (!i.listening()) {
            return "";
        }
        try {
            for (JsonNode c : JSON.readTree(get(i.port(), "/q/health/ready").body()).path("checks")) {
                if (c.path("name").asText().equals("windows")) {
                    return c.path("data").path("kafka_streams").asText("");
                }
            }
            return "";
        } catch (IOException | AssertionError e) {
            return "";
        }
    }

    private static String waitingFor(Instance i) {
        try {
            JsonNode checks = JSON.readTree(get(i.port(), "/q/health/ready").body()).path("checks");
            for (JsonNode c : checks) {
                if (c.path("name").asText().equals("windows")) {
                    return c.path("data").path("waiting_for").asText("");
                }
            }
            return "no windows check";
        } catch (IOException | AssertionError e) {
            return "no answer";
        }
    }

    /** Every count as sent; every closed window as sent, in the API and on HDFS; the closed windows add up. */
    private static void assertExact(int port, WindowFeed feed, Map<Long, Map<String, WindowFeed.Cell>> expected,
            long lastId, Map<Long, String> files, String context) throws IOException {
        Map<String, Long> stations = new TreeMap<>();
        feed.byStation().forEach(stations::put);
        assertEquals(stations, new TreeMap<>(counts(port, "station")), context + ": count?by=station");
        Map<String, Long> partitions = new LinkedHashMap<>();
        feed.byPartition().forEach((p, n) -> partitions.put(String.valueOf(p), n));
        assertEquals(partitions, counts(port, "partition"), context + ": count?by=partition");
        Map<String, Long> years = new TreeMap<>();
        feed.byYear().forEach((y, n) -> years.put(String.valueOf(y), n));
        assertEquals(years, new TreeMap<>(counts(port, "year")), context + ": count?by=year");
        Map<String, Long> months = new LinkedHashMap<>();
        feed.byMonth().forEach((m, n) -> months.put(Month.of(m).getDisplayName(TextStyle.FULL, Locale.ENGLISH), n));
        assertEquals(months, counts(port, "month"), context + ": count?by=month");
        assertEquals(Map.of("total", feed.total()), counts(port, "total"), context + ": count?by=total");

        JsonNode listing = ok(port, "/windows?last=" + 1000);
        assertEquals(lastId, listing.path("closed_through").asLong(), context + ": last window closed");
        long closedSum = 0;
        List<Long> ids = new ArrayList<>();
        for (JsonNode w : listing.path("windows")) {
            ids.add(w.path("id").asLong());
            closedSum += w.path("total").asLong();
        }
        assertEquals(List.copyOf(expected.keySet()), ids, context + ": closed windows with readings");
        long ticks = feed.byPartition().size();
        assertEquals(feed.total() - feed.late() - ticks, closedSum,
                context + ": the closed windows hold every reading but the late ones and the last open window's");

        for (Map.Entry<Long, Map<String, WindowFeed.Cell>> e : expected.entrySet()) {
            long id = e.getKey();
            HttpResponse<String> r = get(port, "/window?id=" + id);
            assertEquals(200, r.statusCode(), context + ": window " + id + ": " + r.body());
            assertEquals(files.get(id), r.body(), context + ": window " + id + " in the API and on HDFS");
            WindowFile file = WindowFile.parse(r.body());
            Map<Integer, Long> parts = new TreeMap<>();
            for (int p = 0; p < 4; p++) {
                parts.put(p, feed.windowPartitions().get(id).getOrDefault(p, 0L));
            }
            assertEquals(parts, file.partitions(), context + ": window " + id + " per partition");
            assertEquals(e.getValue().keySet(), file.stations().keySet(), context + ": window " + id + " stations");
            e.getValue().forEach((station, cell) -> {
                WindowFile.Station s = file.stations().get(station);
                String what = context + ": window " + id + " " + station;
                assertEquals(cell.count(), s.count(), what + " count");
                assertEquals(cell.min(), s.min(), what + " min");
                assertEquals(cell.max(), s.max(), what + " max");
                assertEquals(cell.first(), s.firstDate(), what + " first date");
                assertEquals(cell.last(), s.lastDate(), what + " last date");
                assertTrue(s.min() <= s.avg() && s.avg() <= s.max(), what + " average");
            });
        }
        JsonNode open = ok(port, "/windows/open");
        assertEquals(1, open.path("windows").size(), context + ": the window of the closing readings stays open");
        assertEquals(ticks, open.path("windows").get(0).path("total").asLong(), context + ": open window");
        JsonNode sources = ok(port, "/sources").path("sources");
        assertEquals(stations.size(), sources.size(), context + ": sources");
        for (JsonNode s : sources) {
            assertEquals(stations.get(s.path("station_id").asText()), s.path("readings").asLong(), context + ": " + s);
            assertEquals("2000-01-01", s.path("first_date").asText(), context + ": " + s);
        }
    }

    private static void badInputsGetClearAnswers(int port, long lastId, long start) throws IOException {
        record Case(String method, String path, String body, int status, String says) {
        }
        long firstId = Math.floorDiv(start, WINDOW_MS);
        List<Case> cases = List.of(
                new Case("GET", "/count?by=degrees", null, 400,
                        "unknown field 'degrees' for by=; valid fields: station, partition, year, month, total"),
                new Case("GET", "/count", null, 400, "by= is missing; valid fields: station, partition, year, month, total"),
                new Case("GET", "/window?id=abc", null, 400, "id=abc is not a window id"),
                new Case("GET", "/window?id=-3", null, 400, "id=-3 is out of range"),
                new Case("GET", "/window", null, 400, "id= is missing"),
                new Case("GET", "/window?id=" + (lastId + 1000), null, 404, "is still open"),
                new Case("GET", "/window?id=" + (firstId - 10), null, 404, "is closed and had no readings"),
                new Case("GET", "/windows?last=0", null, 400, "last=0 is not how many windows: 1 to 1000"),
                new Case("GET", "/windows?last=many", null, 400, "last=many is not how many windows"),
                new Case("GET", "/count?by=station&by=total", null, 400, "by is given 2 times: give it once"),
                new Case("GET", "/count?by=station&station=StationA", null, 400,
                        "unknown query parameter 'station': GET /count takes only by"),
                new Case("GET", "/windows/open?last=3", null, 400, "GET /windows/open takes none"),
                new Case("GET", "/sources?active=true", null, 400, "GET /sources takes none"),
                new Case("POST", "/sources", "station_id=StationK", 400, "the body is not JSON"),
                new Case("POST", "/sources", "", 400, "the body is empty"),
                new Case("POST", "/sources", "{\"station\":\"StationK\"}", 400, "the body has no text field station_id"),
                new Case("POST", "/sources", "[\"StationK\"]", 400, "must be a JSON object"),
                new Case("POST", "/sources", "{\"station_id\":\"Station K\"}", 400,
                        "station_id may contain only letters, digits, '_', '.' and '-', was 'Station K'"),
                new Case("POST", "/sources", "{\"station_id\":\"" + "x".repeat(65) + "\"}", 400,
                        "station_id must be at most 64 characters"),
                new Case("POST", "/sources", "{\"station_id\":\"StationK\",\"pace\":2}", 400, "unknown field(s) [pace]"));
        for (Case c : cases) {
            HttpResponse<String> r = c.method().equals("GET") ? get(port, c.path()) : post(port, c.path(), c.body());
            assertEquals(c.status(), r.statusCode(), c + " answered " + r.body());
            assertTrue(JSON.readTree(r.body()).path("error").asText().contains(c.says()), c + " answered " + r.body());
        }
    }

    private static void addsStationsThroughTheGenerator(int port, ServiceProcess generator, int generatorPort)
            throws Exception {
        await().atMost(START).until(() -> get(generatorPort, "/q/health/ready").statusCode() == 200);
        // Without the write token (or with another), nothing reaches the generator.
        HttpResponse<String> anonymous = postWithout(port, "/sources", "{\"station_id\": \"StationK\"}", null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.body().contains("needs the header 'Authorization: Bearer <token>'"), anonymous.body());
        HttpResponse<String> wrong = postWithout(port, "/sources", "{\"station_id\": \"StationK\"}",
                "Bearer " + TOKEN + "-not");
        assertEquals(401, wrong.statusCode(), wrong.body());
        HttpResponse<String> added = post(port, "/sources", "{\"station_id\": \"StationK\"}");
        assertEquals(201, added.statusCode(), added.body());
        assertEquals("StationK", JSON.readTree(added.body()).path("station_id").asText());
        JsonNode stations = JSON.readTree(get(generatorPort, "/stations").body());
        boolean there = false;
        for (JsonNode s : stations) {
            there |= s.path("station_id").asText().equals("StationK") && s.path("active").asBoolean();
        }
        assertTrue(there, "the generator simulates StationK now: " + stations);
        HttpResponse<String> again = post(port, "/sources", "{\"station_id\": \"StationK\"}");
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("already exists"), again.body());
        // The generator refuses what we refuse: the same rule.
        HttpResponse<String> direct = post(generatorPort, "/stations", "{\"station_id\": \"Station K\"}");
        assertEquals(400, direct.statusCode(), direct.body());

        generator.stop();
        HttpResponse<String> down = post(port, "/sources", "{\"station_id\": \"StationL\"}");
        assertEquals(502, down.statusCode(), down.body());
        assertTrue(down.body().contains("generator-service at http://localhost:" + generatorPort + " did not answer"),
                down.body());
        assertTrue(down.body().contains("StationL was not added"), down.body());
    }

    @Test
    void saysWhatItWaitsForBeforeKafkaAndTheTopicAreThere() throws Exception {
        String topic = "windows-late-topic";
        Map<String, String> noKafka = env(topic, "windows-wait-it", 0, hdfs.hdfsUri(), "http://localhost:1");
        int nothing = Ports.free();
        noKafka.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + nothing);
        Instance down = start("windows-no-kafka", noKafka);
        Instance early = start("windows-no-topic", env(topic, "windows-wait-it", 1, hdfs.hdfsUri(), "http://localhost:1"));
        try {
            await().atMost(START).until(() -> waitingFor(down).contains("Kafka at localhost:" + nothing
                    + " to read the partitions of topic " + topic));
            assertEquals(503, get(down.port(), "/q/health/ready").statusCode());
            HttpResponse<String> count = get(down.port(), "/count?by=total");
            assertEquals(503, count.statusCode(), count.body());
            assertTrue(count.body().contains("Kafka at localhost:" + nothing), count.body());
            assertEquals(200, get(down.port(), "/q/health/live").statusCode(), "alive while it waits");

            await().atMost(START).until(() -> waitingFor(early).contains("topic " + topic + " on Kafka at " + kafka
                    + " (producer-service creates it)"));
            createTopic(topic);
            await().atMost(START).until(() -> get(early.port(), "/q/health/ready").statusCode() == 200);
            assertEquals(Map.of("total", 0L), counts(early.port(), "total"));
            assertTrue(early.process().log().contains("Topic " + topic + " has 4 partition(s)"), early.process().log());
        } finally {
            down.process().stop();
            early.process().stop();
        }
    }
}
