package io.weatherpipeline.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.testsupport.MariaDbQuery;
import io.weatherpipeline.testsupport.SharedStack;

/**
 * The packaged producer as a real process, against real Kafka and MariaDB: killed with SIGKILL at
 * random moments while rows keep arriving, and started before its broker exists. Afterwards the
 * topic is reconciled against the table: every id exactly once.
 */
class ProducerCrashIT {

    private static final Path WORK = Path.of("target/producer-it").toAbsolutePath();

    @Test
    void killNineAtRandomMomentsNeitherLosesNorRepeatsARow() throws Exception {
        StackSettings mysql = SharedStack.ensure(Server.MARIADB).settings();
        String kafka = SharedStack.ensure(Server.KAFKA).settings().kafkaBootstrapServers();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int kills = 0;
        try (RowInserter inserter = new RowInserter(mysql, "Crash", 10, 15)) {
            for (int i = 0; i < 6; i++) {
                ProducerProcess producer = ProducerProcess.start("producer-crash", mysql, kafka, WORK);
                producer.awaitStarted(60_000);
                Thread.sleep(300 + random.nextInt(2500));
                producer.kill9();
                kills++;
            }
        }
        ProducerProcess last = ProducerProcess.start("producer-final", mysql, kafka, WORK);
        try {
            last.awaitStarted(60_000);
            long maxId = maxId(mysql);
            awaitWatermark(last, maxId, 120);
        } finally {
            last.stop();
        }
        assertEquals(6, kills);
        assertExactlyOnce(mysql, kafka, "seed " + seed);
    }

    @Test
    void aBrokerDownAtStartIsWaitedForAndNothingIsLostWhenItComes() throws Exception {
        Path dir = WORK.resolve("late-broker");
        LocalStack.wipe(dir);
        StackSettings mysql = SharedStack.ensure(Server.MARIADB).settings();
        int kafkaPort = Ports.free();
        String kafka = "localhost:" + kafkaPort;
        try (RowInserter inserter = new RowInserter(mysql, "Late", 5, 50)) {
            Thread.sleep(500);
        }
        ProducerProcess producer = ProducerProcess.start("producer-late-broker", mysql, kafka, WORK);
        try {
            producer.awaitStarted(60_000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!producer.log().contains("Waiting for Kafka at " + kafka)) {
                assertTrue(System.nanoTime() < deadline, "no 'Waiting for Kafka at " + kafka + "' in the log");
                Thread.sleep(200);
            }
            assertEquals(503, producer.status("/q/health/ready"));
            assertTrue(producer.readiness().contains("Kafka at " + kafka), producer.readiness());

            StackSettings brokerOnly = new StackSettings(dir, Set.of(Server.KAFKA), kafkaPort, Ports.free(), Ports.free(),
                    Ports.free(), Ports.free(), 1, "weather", "weather", "weather");
            try (LocalStack broker = LocalStack.start(brokerOnly)) {
                awaitWatermark(producer, maxId(mysql), 120);
                assertEquals(200, producer.status("/q/health/ready"));
                assertExactlyOnce(mysql, kafka, "late broker");
            }
        } finally {
            producer.stop();
        }
    }

    private static void awaitWatermark(ProducerProcess producer, long maxId, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (producer.watermark() < maxId) {
            assertTrue(System.nanoTime() < deadline, "producer reached row id " + producer.watermark() + " of "
                    + maxId + " in " + seconds + " s:\n" + producer.readiness());
            Thread.sleep(200);
        }
    }

    /** Every row of the table exactly once in the topic, nothing else. */
    private static void assertExactlyOnce(StackSettings mysql, String kafka, String context) throws Exception {
        Set<Long> table = new TreeSet<>();
        for (String line : MariaDbQuery.rows(mysql, "SELECT id FROM temperatures")) {
            table.add(Long.parseLong(line));
        }
        Map<Long, Integer> topic = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(kafka, "temperatures")) {
            topic.merge(TopicReader.rowId(r), 1, Integer::sum);
        }
        List<Long> duplicated = topic.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        Set<Long> missing = new TreeSet<>(table);
        missing.removeAll(topic.keySet());
        Set<Long> unknown = new TreeSet<>(topic.keySet());
        unknown.removeAll(table);
        assertTrue(table.size() > 100, "too few rows to mean anything: " + table.size());
        assertEquals(List.of(), duplicated, context + ": row ids sent more than once");
        assertEquals(Set.of(), missing, context + ": row ids never sent");
        assertEquals(Set.of(), unknown, context + ": records for rows not in the table");
    }

    private static long maxId(StackSettings mysql) throws Exception {
        return Long.parseLong(MariaDbQuery.rows(mysql, "SELECT MAX(id) FROM temperatures").get(0));
    }
}
