package io.weatherpipeline.alerts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.testsupport.MariaDbQuery;
import io.weatherpipeline.testsupport.ReadingFeed;
import io.weatherpipeline.testsupport.ServiceProcess;
import io.weatherpipeline.testsupport.SharedStack;

/**
 * The packaged service as real processes, against a real broker and a MariaDB of its own (so that it
 * can be stopped), while readings keep coming: killed with SIGKILL at random moments and once exactly
 * between the INSERT and the COMMIT; MariaDB stopped and started again mid-run; a second instance
 * joining while the first is in the middle of storing a poll (which must roll back); two instances
 * where one is killed and the other takes its partitions. Afterwards {@code warning_temperatures},
 * read with Debian's mariadb client, holds exactly the readings sent above the threshold, each from
 * the partition and offset it was sent to, and no instance ever met a (station, date) already
 * stored: none missing, none twice. Bad start-up input stops the service with a message naming it.
 */
class AlertsCrashIT {

    private static final Path WORK = Path.of("target/alerts-it").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration DRAIN = Duration.ofSeconds(120);
    private static final double THRESHOLD = 30.0;
    private static final int KILLS = 10;
    private static final String DUPLICATE_LOG = "already stored: the first reading stays";
    private static final String ASSIGNED = "assigned (generation";
    private static final Pattern PAUSED_PLAN = Pattern.compile("partition (\\d+) (\\d+|beginning)->(\\d+)");

    private static String kafka;
    private static StackSettings mysql;
    private static LocalStack database;

    @BeforeAll
    static void servers() {
        LocalStack.deleteTree(WORK);
        kafka = SharedStack.ensure(Server.KAFKA).settings().kafkaBootstrapServers();
        // A MariaDB of this class's own, on free ports: the test stops and starts it.
        mysql = new StackSettings(WORK.resolve("mariadb"), Set.of(Server.MARIADB), Ports.free(), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), 1, "weather", "weather", "weather");
        database = LocalStack.start(mysql);
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.close();
        }
    }

    /** 20.00 to 34.99 °C: about a third of the readings are alerts. */
    static double weather(String station, LocalDate day) {
        return 20 + Math.floorMod(day.toEpochDay() * 131 + station.charAt(station.length() - 1) * 17, 1500) / 100.0;
    }

    private static Map<String, String> env(String topic, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", mysql.mysqlReactiveUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", mysql.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", mysql.password());
        env.put("ALERTS_TOPIC", topic);
        env.put("ALERTS_THRESHOLD", String.valueOf(THRESHOLD));
        // Small polls: many transactions, so many moments to be killed in the middle of one.
        env.put("MP_MESSAGING_INCOMING_TEMPERATURES_MAX_POLL_RECORDS", "200");
        // A killed instance's partitions are free again after 3 s (the broker allows 1 s).
        env.put("MP_MESSAGING_INCOMING_TEMPERATURES_SESSION_TIMEOUT_MS", "3000");
        env.put("MP_MESSAGING_INCOMING_TEMPERATURES_HEARTBEAT_INTERVAL_MS", "500");
        // A transaction cut off by the MariaDB restart may never answer: give up on it sooner than in production.
        env.put("ALERTS_TRANSACTION_TIMEOUT", "5s");
        env.putAll(extra);
        return env;
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** An instance under a fresh name, its log kept for the final checks. */
    private final class Instances {
        final String topic;
        final List<ServiceProcess> all = new ArrayList<>();
        int started;

        Instances(String topic) {
            this.topic = topic;
        }

        ServiceProcess start(Map<String, String> extra) {
            ServiceProcess p = ServiceProcess.start(topic + "-" + ++started, env(topic, extra), WORK);
            all.add(p);
            return p;
        }

        void stopAll() {
            all.forEach(ServiceProcess::stop);
        }
    }

    @Test
    void killsARestartedDatabaseAndRebalancesLoseAndDoubleNothing() throws Exception {
        String topic = "alerts-crash";
        createTopic(topic);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Instances instances = new Instances(topic);
        List<ReadingFeed.Sent> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean feeding = new AtomicBoolean(true);
        AtomicReference<Exception> feedFailure = new AtomicReference<>();
        int kills = 0;
        try (ReadingFeed feed = new ReadingFeed(kafka, topic, "alerts-crash-it", ReadingFeed.stations(10),
                LocalDate.of(2000, 1, 1), AlertsCrashIT::weather)) {
            Thread feeder = new Thread(() -> {
                try {
                    for (int tx = 1; feeding.get(); tx++) {
                        sent.addAll(feed.commitDays(2, false));
                        if (tx % 60 == 0) {
                            sent.add(feed.poison(ReadingFeed.stations(10).get(tx % 10)));
                        }
                        Thread.sleep(40);
                    }
                } catch (Exception e) {
                    feedFailure.set(e);
                }
            }, "reading-feed");
            feeder.start();

            ServiceProcess a = instances.start(Map.of());
            a.awaitLog("Partition 3 assigned", START);

            // Random moments, one instance: once it reads (or at start-up, the first time).
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    a.awaitLog(ASSIGNED, START);
                }
                Thread.sleep(300 + random.nextInt(3000));
                a.kill9();
                kills++;
                a = instances.start(Map.of());
            }

            // Exactly between the INSERT and the COMMIT: the offsets of the paused plan have not moved.
            a.kill9();
            kills++;
            a = instances.start(Map.of("ALERTS_FAULT_INJECTION_PAUSE_BEFORE_COMMIT", String.valueOf(2 + random.nextInt(3))));
            a.awaitLog(AlertWriter.PAUSED, START);
            String line = a.log().lines().filter(l -> l.contains(AlertWriter.PAUSED)).findFirst().orElseThrow();
            Matcher m = PAUSED_PLAN.matcher(line.substring(line.indexOf(AlertWriter.PAUSED)));
            assertTrue(m.find(), line);
            String stored = storedOffsets(topic).getOrDefault(Integer.parseInt(m.group(1)), "none");
            assertEquals(m.group(2).equals("beginning") ? "none" : m.group(2), stored,
                    "the paused transaction's offset move is not visible: " + line);
            a.kill9();
            kills++;
            a = instances.start(Map.of());

            // MariaDB stopped mid-run: the service waits and says so, then goes on.
            a.awaitLog("Partition 3 assigned", START);
            Thread.sleep(1500);
            database.close();
            ServiceProcess waiting = a;
            await().atMost(Duration.ofSeconds(60)).until(() -> waiting.body("/q/health/ready").contains("MySQL at "));
            assertEquals(503, a.status("/q/health/ready"));
            Thread.sleep(2000);
            database = LocalStack.start(mysql);
            await().atMost(Duration.ofSeconds(60)).until(() -> waiting.status("/q/health/ready") == 200);

            // A second instance joins while the first is in the middle of storing a poll.
            a.kill9();
            kills++;
            a = instances.start(Map.of("ALERTS_FAULT_INJECTION_COMMIT_DELAY", "1500ms"));
            a.awaitLog("Partition 3 assigned", START);
            ServiceProcess b = null;
            for (int tryJoin = 0; tryJoin < 3 && !a.log().contains(AlertWriter.REVOKED_MID_POLL); tryJoin++) {
                if (b != null) {
                    b.kill9();
                    kills++;
                }
                Thread.sleep(2000);
                ServiceProcess first = a;
                long revocations = revocations(first);
                b = instances.start(Map.of());
                await().atMost(START).until(() -> revocations(first) > revocations);
                Thread.sleep(2000);
            }
            assertTrue(a.log().contains(AlertWriter.REVOKED_MID_POLL), "no poll was rolled back by the join; see "
                    + a.logFile());

            // Two instances, one killed: the other takes its partitions.
            a.kill9();
            kills++;
            ServiceProcess survivor = b;
            await().atMost(START).until(() -> survivor.body("/q/health/ready").contains("\"held\": \"[0, 1, 2, 3]\""));
            a = instances.start(Map.of());

            // Random moments, two instances, until at least KILLS kills.
            ServiceProcess[] pair = {a, b};
            while (kills < KILLS) {
                int victim = random.nextInt(2);
                pair[victim].awaitLog(ASSIGNED, START);
                Thread.sleep(300 + random.nextInt(3000));
                pair[victim].kill9();
                kills++;
                pair[victim] = instances.start(Map.of());
                assertTrue(feedFailure.get() == null, () -> "the feed failed: " + feedFailure.get());
            }
            Thread.sleep(3000);
            feeding.set(false);
            feeder.join(30_000);
            assertTrue(feedFailure.get() == null, () -> "the feed failed: " + feedFailure.get());

            Map<Integer, Long> last = new TreeMap<>();
            List<ReadingFeed.Sent> all;
            synchronized (sent) {
                all = new ArrayList<>(sent);
            }
            all.forEach(s -> last.merge(s.partition(), s.offset(), Math::max));
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (ServiceProcess p : pair) {
                    assertTrue(p.isAlive(), () -> "an instance died; see " + p.logFile());
                }
                Map<Integer, String> now = storedOffsets(topic);
                return last.keySet().stream().allMatch(p -> now.containsKey(p) && Long.parseLong(now.get(p)) > last.get(p));
            });

            Set<String> want = new TreeSet<>();
            for (ReadingFeed.Sent s : all) {
                if (s.date() != null && s.degrees() > THRESHOLD) {
                    want.add(s.station() + "\t" + s.date() + "\t" + s.degrees() + "\t" + s.partition() + "\t" + s.offset());
                }
            }
            Set<String> rows = new TreeSet<>();
            for (String row : sql("SELECT station_id, date, degrees, kafka_partition, kafka_offset FROM warning_temperatures")) {
                String[] f = row.split("\t");
                rows.add(f[0] + "\t" + f[1] + "\t" + Double.parseDouble(f[2]) + "\t" + f[3] + "\t" + f[4]);
            }
            String context = kills + " kills, a MariaDB restart and rebalances (seed " + seed + ")";
            assertTrue(want.size() > 500, "enough alerts sent: " + want.size());
            Set<String> missing = new TreeSet<>(want);
            missing.removeAll(rows);
            Set<String> extra = new TreeSet<>(rows);
            extra.removeAll(want);
            assertTrue(missing.isEmpty(), context + ": " + missing.size() + " alert(s) missing, e.g. "
                    + missing.stream().limit(5).toList());
            assertTrue(extra.isEmpty(), context + ": " + extra.size() + " row(s) not sent above the threshold, e.g. "
                    + extra.stream().limit(5).toList());
            assertEquals(want.size(), rows.size());
            for (ServiceProcess p : instances.all) {
                assertFalse(p.log().contains(DUPLICATE_LOG), context + ": an alert was stored a second time; see "
                        + p.logFile());
            }
            assertTrue(kills >= KILLS);
        } finally {
            feeding.set(false);
            instances.stopAll();
        }
    }

    @Test
    void badStartUpInputStopsWithAClearMessageAndAMissingDatabaseIsWaitedFor() throws Exception {
        String topic = "alerts-bad-input";
        createTopic(topic);
        Instances instances = new Instances(topic);
        try {
            Map<String, String> expectations = new LinkedHashMap<>();
            expectations.put("ALERTS_THRESHOLD=hot", "alerts.threshold");
            expectations.put("ALERTS_THRESHOLD=NaN", "alerts.threshold must be a finite number of degrees Celsius");
            expectations.put("QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost/weather",
                    "quarkus.datasource.reactive.url 'postgresql://localhost/weather' does not start with mysql://");
            // All at once: each is a JVM start-up.
            Map<String, ServiceProcess> bad = new LinkedHashMap<>();
            for (String setting : expectations.keySet()) {
                String[] kv = setting.split("=", 2);
                bad.put(setting, instances.start(Map.of(kv[0], kv[1])));
            }
            int nothing = Ports.free();
            ServiceProcess p = instances.start(Map.of("QUARKUS_DATASOURCE_REACTIVE_URL",
                    "mysql://localhost:" + nothing + "/weather"));
            for (Map.Entry<String, ServiceProcess> e : bad.entrySet()) {
                ServiceProcess stopped = e.getValue();
                String says = expectations.get(e.getKey());
                await().atMost(START).until(() -> !stopped.isAlive());
                assertNotEquals(0, stopped.exitCode(), stopped.log());
                assertTrue(stopped.log().contains(says), e.getKey() + " should say '" + says + "': " + stopped.log());
            }

            p.awaitStarted(START);
            await().atMost(START).until(() -> p.body("/q/health/ready").contains("MySQL at mysql://localhost:" + nothing));
            assertEquals(503, p.status("/q/health/ready"));
            assertTrue(p.isAlive());
        } finally {
            instances.stopAll();
        }
    }

    private static long revocations(ServiceProcess p) {
        return p.log().lines().filter(l -> l.contains("Partition(s) [0, 1, 2, 3] revoked")).count();
    }

    /** Each partition's stored next offset, read with the mariadb client. */
    private static Map<Integer, String> storedOffsets(String topic) throws Exception {
        Map<Integer, String> out = new TreeMap<>();
        for (String row : sql("SELECT kafka_partition, next_offset FROM alert_offsets WHERE consumer_group = 'alerts'"
                + " AND topic = '" + topic + "'")) {
            String[] f = row.split("\t");
            out.put(Integer.parseInt(f[0]), f[1]);
        }
        return out;
    }

    private static List<String> sql(String query) throws Exception {
        return MariaDbQuery.rows(mysql, query);
    }
}
