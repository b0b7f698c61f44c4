package io.weatherpipeline.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLPool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.stack.launcher.ServiceCatalog;
import io.weatherpipeline.stack.launcher.ServiceCommand;

/**
 * End-to-end latency at the production pace (issue #16): generator-service, producer-service and one consumer-service
 * instance (partitions 0,1,2,3), each with its own defaults and the JVM options {@code ./weather up} gives it, on a
 * fresh MariaDB, Kafka broker and HDFS (NameNode + 3 DataNodes). For every row, three moments are observed from
 * outside, each by a probe polling every {@value #PROBE_MS} ms:
 * <ol>
 * <li>its MySQL commit: when a new autocommit {@code SELECT} first returns its id;</li>
 * <li>its Kafka transaction's commit: when a {@code read_committed} consumer first receives it (header {@code row_id});</li>
 * <li>its Parquet file's commit: when the consumer's checkpoint of its partition first passes its offset.</li>
 * </ol>
 * Latency (a) is 2 − 1, (b) is 3 − 1; p50, p99 and max over the rows committed to MySQL during
 * {@code BENCH_LATENCY_MINUTES} (default 5), after {@code BENCH_LATENCY_WARMUP_SECONDS} (default 30) of warm-up. Each
 * probe sees a moment up to one poll late, so each figure is within about {@value #PROBE_MS} ms (plus a query's time)
 * of the truth. Also reported: each service's resident memory and start-up time at this pace.
 *
 * <p>Threads: the main thread starts everything, waits, and reports; one thread per probe (MySQL, Kafka, checkpoints),
 * each writing only its own maps, read by the main thread after the probes have stopped.
 */
public final class LatencyBenchmark {

    private static final int PROBE_MS = 5;
    private static final Pattern STARTED = Pattern.compile("started in ([\\d.]+)s");
    private static final List<String> SERVICES = List.of("generator", "producer", "consumer");

    /** Row id → when the MySQL probe first saw it (nanoTime). */
    private final Map<Long, Long> committed = new ConcurrentHashMap<>();
    /** Row id → when the read_committed consumer first received it. */
    private final Map<Long, Long> delivered = new ConcurrentHashMap<>();
    /** Row id → its Kafka partition and offset. */
    private final Map<Long, long[]> positions = new ConcurrentHashMap<>();
    /** Row ids received more than once by the read_committed consumer. */
    private final List<Long> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Per partition: each checkpoint advance as {time, next offset}, in order. */
    private final Map<Integer, List<long[]>> checkpoints = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long minutes = Long.parseLong(System.getenv().getOrDefault("BENCH_LATENCY_MINUTES", "5"));
        long warmup = Long.parseLong(System.getenv().getOrDefault("BENCH_LATENCY_WARMUP_SECONDS", "30"));
        Path repo = Path.of("").toAbsolutePath();
        Path work = repo.resolve("bench/target/latency-bench-stack");
        LocalStack.wipe(work);
        LocalStack.deleteTree(work.resolve("checkpoints"));
        StackSettings settings = new StackSettings(work, EnumSet.of(Server.KAFKA, Server.MARIADB, Server.HDFS),
                Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), 3, "weather", "weather", "weather");
        List<String> report = new ArrayList<>();
        report.add(String.format("machine: %d cores, %s; generator, producer, consumer (0,1,2,3) at their defaults;"
                + " %d s warm-up, %d min measured; probes every %d ms", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), warmup, minutes, PROBE_MS));
        try (LocalStack stack = LocalStack.start(settings)) {
            new LatencyBenchmark().run(repo, settings, warmup, minutes, report);
        }
        System.out.println();
        report.forEach(System.out::println);
        Path out = repo.resolve("bench/target/latency-results.txt");
        Files.write(out, report);
        System.out.println("(also written to " + out + ")");
    }

    private void run(Path repo, StackSettings s, long warmup, long minutes, List<String> report) throws Exception {
        List<ManagedProcess> services = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        List<Thread> probes = new ArrayList<>();
        try {
            for (String name : SERVICES) {
                ServiceCatalog.Service service = ServiceCatalog.named(name);
                Map<String, String> env = new LinkedHashMap<>(service.environment(s, Map.of()));
                env.put("QUARKUS_HTTP_PORT", String.valueOf(Ports.free()));
                List<String> cmd = ServiceCommand.of(ServiceCommand.jarOf(repo, service.module()),
                        DrainMeter.jvmOptions(name));
                // Logs survive a wipe; the start-up time is read from this run's log only.
                Files.deleteIfExists(s.logDir().resolve(name + ".log"));
                services.add(ManagedProcess.start(name, cmd, env, repo.resolve(service.module()),
                        s.logDir().resolve(name + ".log"), s.pidDir()));
            }
            MySQLPool db = PlainInsertLoop.pool(vertx, s, 1);
            probes.add(probe("mysql-probe", () -> probeMysql(db)));
            probes.add(probe("kafka-probe", () -> probeKafka(s.kafkaBootstrapServers())));
            Path dir = s.workDir().resolve("checkpoints");
            probes.add(probe("checkpoint-probe", () -> probeCheckpoints(dir)));

            // Warm-up: from the first row through to a first checkpoint, then the configured seconds.
            awaitTrue("a first checkpoint", 180, services, () -> checkpoints.values().stream().anyMatch(l -> !l.isEmpty()));
            sleepChecking(services, TimeUnit.SECONDS.toMillis(warmup));
            long from = System.nanoTime();
            sleepChecking(services, TimeUnit.MINUTES.toMillis(minutes));
            long to = System.nanoTime();
            List<Long> measured = committed.entrySet().stream().filter(e -> e.getValue() >= from && e.getValue() < to)
                    .map(Map.Entry::getKey).sorted().toList();
            // Every measured row must reach a checkpoint: after at most the flush age, plus margin.
            awaitTrue("every measured row checkpointed", 120, services, () -> measured.stream().allMatch(this::checkpointed));

            for (ManagedProcess p : services) {
                report.add(String.format("%-9s started in %s s; %s", p.name(), startedIn(p), DrainMeter.rss(p)));
            }
            stop.set(true);
            for (Thread t : probes) {
                t.join(10_000);
            }
            report.addAll(summarize(measured));
        } finally {
            stop.set(true);
            services.forEach(p -> p.stop(20));
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private List<String> summarize(List<Long> measured) {
        long[] kafka = new long[measured.size()];
        long[] parquet = new long[measured.size()];
        int missing = 0;
        int i = 0;
        for (long id : measured) {
            Long k = delivered.get(id);
            long p = checkpointedAt(id);
            if (k == null || p < 0) {
                missing++;
                continue;
            }
            long c = committed.get(id);
            kafka[i] = k - c;
            parquet[i] = p - c;
            i++;
        }
        kafka = java.util.Arrays.copyOf(kafka, i);
        parquet = java.util.Arrays.copyOf(parquet, i);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("rows committed to MySQL in the measured minutes: %,d (%,d not seen downstream,"
                + " %d received twice by the read_committed probe)", measured.size(), missing, duplicates.size()));
        lines.add("(a) MySQL commit -> Kafka transaction committed:   " + percentiles(kafka));
        lines.add("(b) MySQL commit -> Parquet file checkpointed:     " + percentiles(parquet));
        return lines;
    }

    private static String percentiles(long[] nanos) {
        if (nanos.length == 0) {
            return "no rows";
        }
        java.util.Arrays.sort(nanos);
        return String.format("p50 %,d ms, p99 %,d ms, max %,d ms (min %,d ms)", nanos[(int) (nanos.length * 0.50)] / 1_000_000,
                nanos[(int) Math.min(nanos.length - 1, Math.ceil(nanos.length * 0.99) - 1)] / 1_000_000,
                nanos[nanos.length - 1] / 1_000_000, nanos[0] / 1_000_000);
    }

    private boolean checkpointed(long id) {
        return checkpointedAt(id) >= 0;
    }

    /** When the checkpoint of the row's partition first passed its offset, or -1. */
    private long checkpointedAt(long id) {
        long[] pos = positions.get(id);
        if (pos == null) {
            return -1;
        }
        for (long[] advance : checkpoints.getOrDefault((int) pos[0], List.of())) {
            if (advance[1] > pos[1]) {
                return advance[0];
            }
        }
        return -1;
    }

    private void probeMysql(MySQLPool db) throws Exception {
        long last = 0;
        while (!stop.get()) {
            // Autocommit: every query sees what was committed before it started.
            for (Row row : PlainInsertLoop.await(db.preparedQuery("SELECT id FROM temperatures WHERE id > ? ORDER BY id")
                    .execute(Tuple.of(last)))) {
                long id = row.getLong(0);
                committed.putIfAbsent(id, System.nanoTime());
                last = id;
            }
            Thread.sleep(PROBE_MS);
        }
    }

    private void probeKafka(String bootstrap) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "enable.auto.commit", false, "fetch.max.wait.ms", PROBE_MS,
                "key.deserializer", ByteArrayDeserializer.class, "value.deserializer", ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && !stop.get()) {
                consumer.partitionsFor("temperatures", Duration.ofSeconds(5))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(PROBE_MS))) {
                    long now = System.nanoTime();
                    Header h = r.headers().lastHeader("row_id");
                    long id = Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
                    if (delivered.putIfAbsent(id, now) != null) {
                        duplicates.add(id);
                    }
                    positions.put(id, new long[] {r.partition(), r.offset()});
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException("topic temperatures did not appear", e);
        }
    }

    private void probeCheckpoints(Path dir) throws InterruptedException {
        Map<Integer, Long> last = new LinkedHashMap<>();
        while (!stop.get()) {
            for (int p = 0; p < 4; p++) {
                long offset = DrainMeter.fileOffset(dir.resolve("partition-" + p + ".json"));
                if (offset > last.getOrDefault(p, -1L)) {
                    last.put(p, offset);
                    checkpoints.computeIfAbsent(p, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(new long[] {System.nanoTime(), offset});
                }
            }
            Thread.sleep(PROBE_MS);
        }
    }

    private interface Probe {
        void run() throws Exception;
    }

    private static Thread probe(String name, Probe body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                System.err.println(name + " failed: " + e);
                e.printStackTrace();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitTrue(String what, int seconds, List<ManagedProcess> services,
            java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + seconds + " s for " + what + "; see the logs of " + services);
            }
            sleepChecking(services, 100);
        }
    }

    private static void sleepChecking(List<ManagedProcess> services, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            for (ManagedProcess p : services) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(p.name() + " exited; see " + p.logFile());
                }
            }
            Thread.sleep(Math.min(1000, Math.max(1, end - System.currentTimeMillis())));
        }
    }

    private static String startedIn(ManagedProcess p) {
        try {
            Matcher m = STARTED.matcher(Files.readString(p.logFile()));
            return m.find() ? m.group(1) : "?";
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
