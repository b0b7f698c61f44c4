package io.weatherpipeline.stats;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.common.DurableFiles;
import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.stats.model.StatsStore;
import io.weatherpipeline.testsupport.ServiceProcess;
import io.weatherpipeline.testsupport.SharedStack;

/**
 * The packaged service as real processes against a real broker: two instances owning partitions 0,2
 * and 1,3 are killed with SIGKILL at random moments (and once exactly between a file's temporary
 * write and its rename) while readings, duplicates included, keep coming; afterwards every
 * statistics entry equals what was sent, counted exactly once. Bad start-up input stops the service
 * with a message naming what is wrong.
 */
class StatsCrashIT {

    private static final Path WORK = Path.of("target/stats-it").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration DRAIN = Duration.ofSeconds(180);
    private static final int KILLS = 12;

    private static String kafka;

    @BeforeAll
    static void servers() {
        LocalStack.deleteTree(WORK);
        kafka = SharedStack.ensure(Server.KAFKA).settings().kafkaBootstrapServers();
    }

    private static Map<String, String> env(String topic, String partitions, Path dir, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("STATS_TOPIC", topic);
        env.put("STATS_PARTITIONS", partitions);
        env.put("STATS_DIR", dir.toString());
        // Many file replacements: many dangerous moments to be killed at.
        env.put("STATS_FLUSH_INTERVAL", "150ms");
        // The broker's smallest session: a killed instance's partitions are free again sooner.
        env.put("MP_MESSAGING_INCOMING_TEMPERATURES_SESSION_TIMEOUT_MS", "6000");
        env.putAll(extra);
        return env;
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killsAtRandomMomentsLoseAndDoubleNothing() throws Exception {
        String topic = "stats-crash";
        Path dir = WORK.resolve("crash");
        createTopic(topic);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] claims = {"0,2", "1,3"};
        ServiceProcess[] running = new ServiceProcess[2];
        int[] generation = new int[2];
        AtomicBoolean feeding = new AtomicBoolean(true);
        AtomicReference<Exception> feedFailure = new AtomicReference<>();
        try (StationFeed feed = new StationFeed(kafka, topic, "stats-crash-it", StationFeed.stations(10),
                LocalDate.of(2000, 1, 1))) {
            for (int i = 0; i < 2; i++) {
                running[i] = ServiceProcess.start("stats-" + i + "-" + generation[i], env(topic, claims[i], dir, Map.of()), WORK);
            }
            Thread feeder = new Thread(() -> {
                try {
                    while (feeding.get()) {
                        feed.commitDays(2, true);
                        Thread.sleep(40);
                    }
                } catch (Exception e) {
                    feedFailure.set(e);
                }
            }, "station-feed");
            feeder.start();
            int paused = 0;
            for (int kill = 1; kill <= KILLS; kill++) {
                int victim = random.nextInt(2);
                if (kill == 4 || kill == 9) {
                    // The moment between the temporary file and the rename, reached on purpose.
                    running[victim].kill9();
                    int nth = 2 + random.nextInt(4);
                    running[victim] = ServiceProcess.start("stats-" + victim + "-" + ++generation[victim],
                            env(topic, claims[victim], dir, Map.of("STATS_FAULT_INJECTION_PAUSE_BEFORE_RENAME", "" + nth)),
                            WORK);
                    running[victim].awaitLog(StatsWriter.PAUSED, START);
                    String line = running[victim].log().lines().filter(l -> l.contains(StatsWriter.PAUSED)).findFirst()
                            .orElseThrow();
                    Path file = Path.of(line.substring(line.indexOf(StatsWriter.PAUSED) + StatsWriter.PAUSED.length())
                            .trim().split(" ")[0]);
                    Path tmp = DurableFiles.tempFileOf(file);
                    assertTrue(Files.exists(tmp), "no temporary file " + tmp + " at the pause");
                    assertNotEquals(Files.exists(file) ? Files.readString(file) : "", Files.readString(tmp),
                            "the temporary file should hold newer statistics than " + file);
                    paused++;
                } else {
                    // Long enough for the restarted instance to join, catch up and write a few files (or not).
                    Thread.sleep(1000 + random.nextInt(6000));
                }
                running[victim].kill9();
                assertTrue(feedFailure.get() == null, () -> "the feed failed: " + feedFailure.get());
                running[victim] = ServiceProcess.start("stats-" + victim + "-" + ++generation[victim],
                        env(topic, claims[victim], dir, Map.of()), WORK);
            }
            feeding.set(false);
            feeder.join(30_000);
            assertTrue(feedFailure.get() == null, () -> "the feed failed: " + feedFailure.get());
            assertEquals(2, paused);

            StatsStore store = new StatsStore(dir);
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (ServiceProcess p : running) {
                    assertTrue(p.isAlive(), () -> "an instance died; see " + p.logFile());
                }
                return StationFeed.counted(store.readAll()) >= feed.unique();
            });
            StationFeed.assertExactlyOnce(feed.expected(), store.readAll(),
                    KILLS + " kills at random moments (seed " + seed + ")");
            assertEquals(4, store.readAll().size(), "one file per partition");
        } finally {
            feeding.set(false);
            for (ServiceProcess p : running) {
                if (p != null) {
                    p.stop();
                }
            }
        }
    }

    @Test
    void badStartupInputStopsWithAClearMessage() throws Exception {
        String topic = "stats-bad-input";
        createTopic(topic);
        Path dir = WORK.resolve("bad");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("partition-1.json"), "{\"partition\": 1, \"offset\": ");

        List<ServiceProcess> started = new ArrayList<>();
        try {
            ServiceProcess damaged = ServiceProcess.start("stats-damaged", env(topic, "1", dir, Map.of()), WORK);
            started.add(damaged);
            await().atMost(START).until(() -> !damaged.isAlive());
            assertEquals(FatalErrors.EXIT_STATUS, damaged.exitCode(), damaged.log());
            assertTrue(damaged.log().contains(dir.resolve("partition-1.json") + " is damaged"), damaged.log());
            assertEquals("{\"partition\": 1, \"offset\": ", Files.readString(dir.resolve("partition-1.json")),
                    "a damaged file is never reset");

            ServiceProcess missing = ServiceProcess.start("stats-missing",
                    env(topic, "0,7", WORK.resolve("missing"), Map.of("STATS_CLAIM_TIMEOUT", "2s")), WORK);
            started.add(missing);
            await().atMost(START).until(() -> !missing.isAlive());
            assertEquals(FatalErrors.EXIT_STATUS, missing.exitCode(), missing.log());
            assertTrue(missing.log().contains("partition 7 does not exist: topic " + topic + " has 4 partitions"),
                    missing.log());

            ServiceProcess negative = ServiceProcess.start("stats-negative",
                    env(topic, "0,-1", WORK.resolve("negative"), Map.of()), WORK);
            started.add(negative);
            await().atMost(START).until(() -> !negative.isAlive());
            assertNotEquals(0, negative.exitCode());
            assertTrue(negative.log().contains("stats.partitions '0,-1': -1 is negative"), negative.log());
            assertFalse(Files.exists(WORK.resolve("negative").resolve("partition-0.json")));
        } finally {
            started.forEach(ServiceProcess::stop);
        }
    }
}
