package io.weatherpipeline.endtoend;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.consumer.HdfsFileSystemProducer;
import io.weatherpipeline.consumer.batch.BatchFiles;
import io.weatherpipeline.consumer.batch.BatchFooter;
import io.weatherpipeline.consumer.batch.CheckpointStore;
import io.weatherpipeline.consumer.batch.CommittedBatches;
import io.weatherpipeline.consumer.columns.Reading;
import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.testsupport.MariaDbQuery;
import io.weatherpipeline.testsupport.ServiceProcess;
import io.weatherpipeline.testsupport.SharedStack;

/**
 * Generator → MySQL → producer → Kafka → consumer → Parquet on HDFS, each a packaged process, while
 * SIGKILL takes down the generator, the producer or the consumer at random moments and they are
 * started again. At the end every row of table {@code temperatures} is in exactly one committed
 * Parquet row with the same station, date and degrees, and nothing else is.
 */
class PipelineExactlyOnceIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target/pipeline-it").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(90);
    private static final Pattern WATERMARK = Pattern.compile("\"last_sent_row_id\"\\s*:\\s*(-?\\d+)");

    @Test
    void rowsSurviveKillNineOfAnyServiceExactlyOnceFromTableToFiles() throws Exception {
        LocalStack.wipe(WORK);
        LocalStack.deleteTree(WORK);
        StackSettings mysql = SharedStack.ensure(Server.MARIADB).settings();
        String kafka = SharedStack.ensure(Server.KAFKA).settings().kafkaBootstrapServers();
        String hdfs = SharedStack.ensure(Server.HDFS).settings().hdfsUri();

        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        Map<String, String> db = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", mysql.mysqlReactiveUrl(),
                "QUARKUS_DATASOURCE_USERNAME", mysql.user(),
                "QUARKUS_DATASOURCE_PASSWORD", mysql.password());
        env.put("generator", new LinkedHashMap<>(db));
        env.get("generator").put("GENERATOR_DAYS_PER_TICK", "3");
        env.put("producer", new LinkedHashMap<>(db));
        env.get("producer").putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "PRODUCER_BATCH_SIZE", "500"));
        env.put("consumer", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "CONSUMER_HDFS_URI", hdfs,
                "CONSUMER_PARTITIONS", "0,1,2,3",
                "CONSUMER_HDFS_DATA_DIR", "/pipeline-it/data",
                "CONSUMER_CHECKPOINT_DIR", WORK.resolve("checkpoints").toString(),
                "CONSUMER_FLUSH_MAX_RECORDS", "400",
                "CONSUMER_FLUSH_MAX_AGE", "1s",
                "MP_MESSAGING_INCOMING_TEMPERATURES_SESSION_TIMEOUT_MS", "3000",
                "MP_MESSAGING_INCOMING_TEMPERATURES_HEARTBEAT_INTERVAL_MS", "500"));

        Map<String, ServiceProcess> running = new LinkedHashMap<>();
        Map<String, Integer> kills = new HashMap<>();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try {
            for (String service : env.keySet()) {
                running.put(service, start(service, 0, env.get(service)));
            }
            for (ServiceProcess p : running.values()) {
                p.awaitStarted(START);
            }
            List<String> victims = List.of("generator", "producer", "consumer");
            for (int round = 1; round <= 9; round++) {
                Thread.sleep(1000 + random.nextInt(3000));
                String victim = round <= 3 ? victims.get(round - 1) : victims.get(random.nextInt(victims.size()));
                running.get(victim).kill9();
                kills.merge(victim, 1, Integer::sum);
                ServiceProcess again = start(victim, round, env.get(victim));
                running.put(victim, again);
                again.awaitStarted(START);
            }
            running.get("generator").stop();

            long maxId = Long.parseLong(MariaDbQuery.rows(mysql, "SELECT MAX(id) FROM temperatures").get(0));
            ServiceProcess producer = running.get("producer");
            await().atMost(Duration.ofSeconds(120)).until(() -> watermark(producer) >= maxId);
            long rows = Long.parseLong(MariaDbQuery.rows(mysql, "SELECT COUNT(*) FROM temperatures").get(0));
            CommittedBatches committed;
            FileSystem fs = HdfsFileSystemProducer.connect(hdfs);
            try {
                committed = new CommittedBatches(new BatchFiles(fs, "/pipeline-it/data", null),
                        new CheckpointStore(WORK.resolve("checkpoints")));
                // Done when the committed files hold as many rows as the table (then checked row by row).
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> committedRows(committed) >= rows);
                assertTableEqualsFiles(mysql, committed, "seed " + seed + ", kills " + kills);
                System.out.printf("pipeline: %d rows, table = files, after kill -9 of %s%n", rows, kills);
            } finally {
                fs.close();
            }
        } finally {
            running.values().forEach(ServiceProcess::stop);
        }
        assertTrue(kills.keySet().containsAll(List.of("generator", "producer", "consumer")), kills.toString());
    }

    private static ServiceProcess start(String service, int incarnation, Map<String, String> env) {
        Path jar = ROOT.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
        return ServiceProcess.start(service + "-" + incarnation, jar, env, WORK);
    }

    private static void assertTableEqualsFiles(StackSettings mysql, CommittedBatches committed, String context)
            throws Exception {
        Map<String, Double> table = new HashMap<>();
        for (String line : MariaDbQuery.rows(mysql, "SELECT station_id, date, degrees FROM temperatures")) {
            String[] f = line.split("\t");
            table.put(f[0] + " " + f[1], Double.parseDouble(f[2]));
        }
        Map<String, Double> files = new HashMap<>();
        List<String> duplicated = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            for (Reading r : committed.rows(p)) {
                String key = r.stationId() + " " + LocalDate.ofEpochDay(r.epochDay());
                if (files.put(key, r.degrees()) != null) {
                    duplicated.add(key);
                }
            }
        }
        assertTrue(table.size() > 1000, context + ": too few rows to mean anything: " + table.size());
        assertEquals(List.of(), duplicated, context + ": rows written twice");
        TreeSet<String> missing = new TreeSet<>(table.keySet());
        missing.removeAll(files.keySet());
        TreeSet<String> unknown = new TreeSet<>(files.keySet());
        unknown.removeAll(table.keySet());
        assertEquals(new TreeSet<>(), missing, context + ": table rows missing from the files");
        assertEquals(new TreeSet<>(), unknown, context + ": file rows not in the table");
        table.forEach((k, degrees) -> assertEquals(degrees, files.get(k), 1e-9, context + ": degrees of " + k));
    }

    /** Rows in the committed files of all partitions, by their footers. */
    private static long committedRows(CommittedBatches committed) throws Exception {
        long n = 0;
        for (int p = 0; p < 4; p++) {
            for (BatchFooter f : committed.footers(p)) {
                n += f.rows();
            }
        }
        return n;
    }

    private static long watermark(ServiceProcess producer) {
        Matcher m = WATERMARK.matcher(producer.body("/q/health/ready"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }


}
