package io.weatherpipeline.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.stack.launcher.ServiceCommand;

/**
 * Measures, on one fresh Kafka broker and one MariaDB server:
 * <ol>
 * <li>generator-service in fast mode: rows/s into MySQL;</li>
 * <li>producer-service draining those rows into Kafka (acks=all, one transaction per batch): rows/s;</li>
 * <li>the producer's query alone ({@link PlainSelectLoop}) reading the same rows: how fast MariaDB hands them out;</li>
 * <li>Kafka's own kafka-producer-perf-test (ProducerPerformance) with the same record count and
 * size and acks=all, plain and transactional, on the same broker: the producer's ratio to it.</li>
 * </ol>
 */
public final class PipelineBenchmark {

    /** Bytes of one Report value as the producer writes it (date, degrees, a 8-character station id). */
    static final int RECORD_SIZE = 31;
    private static final Pattern PERF_SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");
    private static final Pattern WATERMARK = Pattern.compile("\"last_sent_row_id\"\\s*:\\s*(-?\\d+)");

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(System.getenv().getOrDefault("BENCH_ROWS", "500000"));
        int daysPerTick = Integer.parseInt(System.getenv().getOrDefault("BENCH_DAYS_PER_TICK", "500"));
        // The generator's tick never overlaps itself: 1 ms means the next tick as soon as the last committed,
        // i.e. as fast as MySQL accepts (issue #16). 100ms is the production pace.
        String interval = System.getenv().getOrDefault("BENCH_GENERATOR_INTERVAL", "1ms");
        int rowsPerStatement = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROWS_PER_STATEMENT", "2000"));
        int batch = Integer.parseInt(System.getenv().getOrDefault("BENCH_PRODUCER_BATCH", "50000"));
        Path repo = Path.of("").toAbsolutePath();
        Path work = repo.resolve("bench/target/bench-stack");
        LocalStack.wipe(work);
        StackSettings settings = new StackSettings(work, java.util.EnumSet.of(Server.KAFKA, Server.MARIADB),
                Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), 1, "weather", "weather", "weather");
        List<String> report = new ArrayList<>();
        report.add(String.format("machine: %d cores, %s; rows: %d; generator days-per-tick %d (10 stations), interval %s,"
                + " %d rows per INSERT; producer batch %d", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), rows, daysPerTick,
                interval, rowsPerStatement, batch));
        try (LocalStack stack = LocalStack.start(settings)) {
            Rate gen = generatorRowsPerSecond(repo, settings, rows, daysPerTick, interval, rowsPerStatement);
            double generator = gen.rowsPerSecond();
            report.add(String.format("generator-service -> MySQL:                       %,12.0f rows/s; %s", generator, gen.memory()));
            double plain = PlainInsertLoop.generatorReference(settings, rows, daysPerTick * 10, rowsPerStatement);
            report.add(String.format("plain multi-row INSERT loop (same table shape):   %,12.0f rows/s (%d rows per"
                    + " transaction, %d per statement, one connection)", plain, daysPerTick * 10, rowsPerStatement));
            report.add(String.format("generator / INSERT loop: %.0f%%", 100 * generator / plain));

            Rate prod = producerRowsPerSecond(repo, settings, rows, batch);
            double producer = prod.rowsPerSecond();
            report.add(String.format("producer-service MySQL -> Kafka (acks=all, tx):   %,12.0f rows/s; %s", producer, prod.memory()));
            double read = PlainSelectLoop.rowsPerSecond(settings, batch);
            report.add(String.format("plain SELECT loop (the producer's query, %d rows each): %,12.0f rows/s: MariaDB's part,"
                    + " read only", batch, read));

            double perfPlain = perfTest(settings, rows, List.of());
            double perfTx = perfTest(settings, rows, List.of("--transactional-id", "bench-perf-tx",
                    "--transaction-duration-ms", "100"));
            report.add(String.format("kafka-producer-perf-test (acks=all, idempotent):  %,12.0f records/s", perfPlain));
            report.add(String.format("kafka-producer-perf-test (+ transactions 100 ms): %,12.0f records/s", perfTx));
            report.add(String.format("producer / perf-test: %.0f%% (plain), %.0f%% (transactional); producer / SELECT loop: %.0f%%",
                    100 * producer / perfPlain, 100 * producer / perfTx, 100 * producer / read));
        }
        System.out.println();
        report.forEach(System.out::println);
        Path out = repo.resolve("bench/target/results.txt");
        Files.write(out, report);
        System.out.println("(also written to " + out + ")");
    }

    /**
     * A service's rate and its memory when it was reached.
     *
     * @param memory {@link DrainMeter#rss} at the end
     */
    private record Rate(double rowsPerSecond, String memory) {
    }

    /** Rows/s of the generator. */
    private static Rate generatorRowsPerSecond(Path repo, StackSettings s, long rows, int daysPerTick, String interval,
            int rowsPerStatement) throws Exception {
        int port = Ports.free();
        ManagedProcess gen = service(repo, "generator-service", s, port, Map.of(
                "GENERATOR_DAYS_PER_TICK", String.valueOf(daysPerTick),
                "GENERATOR_INTERVAL", interval,
                "GENERATOR_ROWS_PER_STATEMENT", String.valueOf(rowsPerStatement)));
        try {
            awaitCount(s, 1, 120, gen);
            long t0 = System.nanoTime();
            long start = count(s);
            long n = awaitCount(s, rows, 600, gen);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Rate((n - start) / seconds, DrainMeter.rss(gen));
        } finally {
            gen.stop(20);
        }
    }

    /** Rows/s of the producer draining the table. */
    private static Rate producerRowsPerSecond(Path repo, StackSettings s, long rows, int batch) throws Exception {
        long maxId = Long.parseLong(sql(s, "SELECT MAX(id) FROM temperatures"));
        int port = Ports.free();
        ManagedProcess producer = service(repo, "producer-service", s, port, Map.of(
                "PRODUCER_BATCH_SIZE", String.valueOf(batch)));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900);
            long t0 = 0;
            long first = 0;
            while (true) {
                long w = watermark(port);
                if (t0 == 0 && w > 0) {
                    t0 = System.nanoTime();
                    first = w;
                }
                if (w >= maxId) {
                    return new Rate((maxId - first) / ((System.nanoTime() - t0) / 1e9), DrainMeter.rss(producer));
                }
                if (System.nanoTime() > deadline || !producer.isAlive()) {
                    throw new IllegalStateException("producer reached " + w + " of " + maxId + "; see " + producer.logFile());
                }
                Thread.sleep(50);
            }
        } finally {
            producer.stop(20);
        }
    }

    /** Runs ProducerPerformance in its own JVM, as kafka-producer-perf-test.sh does; records/s. */
    private static double perfTest(StackSettings s, long rows, List<String> extra) throws Exception {
        String topic = "perf-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(rows), "--record-size", String.valueOf(RECORD_SIZE),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + s.kafkaBootstrapServers(), "acks=all",
                "enable.idempotence=true"));
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = PERF_SUMMARY.matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group(2);
        }
        if (last == null) {
            throw new IllegalStateException("no summary from ProducerPerformance:\n" + out);
        }
        return Double.parseDouble(last);
    }

    private static ManagedProcess service(Path repo, String module, StackSettings s, int port, Map<String, String> own) {
        Map<String, String> env = new java.util.LinkedHashMap<>(own);
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", s.mysqlReactiveUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", s.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", s.password());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // The JVM options of production (ServiceCommand): memory is measured as deployed (issue #16).
        // e.g. BENCH_PRODUCER_JAVA_OPTS=-XX:StartFlightRecording=filename=producer.jfr to profile one service
        List<String> jvm = DrainMeter.jvmOptions(module.replace("-service", ""));
        List<String> cmd = ServiceCommand.of(ServiceCommand.jarOf(repo, module), jvm);
        return ManagedProcess.start(module, cmd, env, repo, s.logDir().resolve(module + ".log"), s.pidDir());
    }

    private static long awaitCount(StackSettings s, long n, int seconds, ManagedProcess p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long c;
        while ((c = count(s)) < n) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                throw new IllegalStateException(c + " of " + n + " rows; see " + p.logFile());
            }
            Thread.sleep(100);
        }
        return c;
    }

    private static long count(StackSettings s) throws Exception {
        // Fast and exact on InnoDB for a table only appended to: the largest id (ids start at 1, no rollbacks here).
        String max = sql(s, "SELECT COALESCE(MAX(id), 0) FROM temperatures");
        return Long.parseLong(max);
    }

    private static long watermark(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + "/q/health/ready")
                    .toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            var in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
            Matcher m = WATERMARK.matcher(in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String sql(StackSettings s, String query) throws Exception {
        Process p = new ProcessBuilder("mariadb", "--no-defaults", "--protocol=TCP", "-h", "127.0.0.1",
                "-P", String.valueOf(s.mysqlPort()), "-u", s.user(), "-p" + s.password(), "-D", s.database(),
                "-N", "-B", "-e", query).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(query + ": " + out);
        }
        return out;
    }
}
