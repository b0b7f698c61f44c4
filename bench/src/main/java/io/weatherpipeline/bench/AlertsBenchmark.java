package io.weatherpipeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.common.TopicPartition;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLPool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;
import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.stack.launcher.ServiceCommand;

/**
 * Measures, on one fresh Kafka broker and one fresh MariaDB: a topic of 4 partitions preloaded with
 * {@code BENCH_RECORDS} Reports (10 stations, key = station, every (station, day) once); one
 * alerts-service instance draining it three times, each time in a consumer group of its own, from an empty
 * {@code warning_temperatures}: with a threshold that makes about 10 % of the readings alerts, and with
 * one below every reading (100 % alerts); and once with none (only the offsets move), to tell what the
 * alerts cost from what the channel costs. The drain counts as done when the group's rows in
 * {@code alert_offsets} are at every partition's end. Beside them, in the same run: Kafka's own
 * kafka-consumer-perf-test reading the same topic, and a plain loop of multi-row INSERTs of the same
 * rows into the same table on the same MariaDB (the same client library, one transaction per
 * {@code max.poll.records} rows, as many rows per statement as the service).
 */
public final class AlertsBenchmark {

    /** The service's log line when the listener has sought a partition: its first assignment. */
    private static final Pattern ASSIGNED = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*Partition \\d+ assigned \\(generation", Pattern.MULTILINE);
    private static final String TOPIC = "temperatures";

    private AlertsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.parseLong(System.getenv().getOrDefault("BENCH_RECORDS", "2000000"));
        int rowsPerStatement = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROWS_PER_STATEMENT", "5000"));
        int rowsPerTransaction = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROWS_PER_TRANSACTION", "10000"));
        Path repo = Path.of("").toAbsolutePath();
        Path work = repo.resolve("bench/target/alerts-bench-stack");
        LocalStack.wipe(work);
        StackSettings settings = new StackSettings(work, EnumSet.of(Server.KAFKA, Server.MARIADB), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), Ports.free(), 3, "weather", "weather", "weather");
        double tenPercent = thresholdAbove(records, 0.10);
        long tenPercentAlerts = alertsAbove(records, tenPercent);
        List<String> report = new ArrayList<>();
        report.add(String.format("machine: %d cores, %s; records: %,d in 4 partitions (10 stations); one alerts-service"
                + " instance (max.poll.records 10000, %d rows per INSERT), MariaDB 10.11 (innodb_flush_log_at_trx_commit=1)",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), records, rowsPerStatement));
        Vertx vertx = Vertx.vertx();
        try (LocalStack stack = LocalStack.start(settings)) {
            // Prepared statements cached whatever their length, as alerts-service does: the reference
            // prepares its multi-row INSERT once, not once per statement.
            MySQLPool db = PlainInsertLoop.pool(vertx, settings, 2);
            String bootstrap = settings.kafkaBootstrapServers();
            double load = TopicBench.preload(bootstrap, records);
            report.add(String.format("preload (acks=all, idempotent):                   %,12.0f records/s", load));
            Map<TopicPartition, Long> ends = TopicBench.endOffsets(bootstrap);

            DrainMeter.Result ten = drain(repo, settings, stack.processes(), db, ends, records, "alerts-bench-10",
                    tenPercent, rowsPerStatement);
            long tenStored = count(db);
            report.add(String.format("alerts-service, threshold %.2f °C (%,d alerts, %.1f %%): %,12.0f records/s (%,.0f with"
                    + " JVM start-up; %,.0f steady, from 20 %% to 90 %% of the records); %,d rows stored",
                    tenPercent, tenPercentAlerts, 100.0 * tenPercentAlerts / records, ten.afterAssigned(),
                    ten.withStartUp(), ten.steady(), tenStored));
            report.addAll(ten.cpu());

            // Where the 10 % run's time goes: the same drain with no alert at all (the channel, decoding and
            // one offsets-only transaction per poll).
            DrainMeter.Result none = drain(repo, settings, stack.processes(), db, ends, records, "alerts-bench-0",
                    1000, rowsPerStatement);
            report.add(String.format("alerts-service, no reading an alert (offsets only): %,12.0f records/s (%,.0f steady)",
                    none.afterAssigned(), none.steady()));
            report.addAll(none.cpu());

            await(db.query("TRUNCATE TABLE warning_temperatures").execute());
            DrainMeter.Result all = drain(repo, settings, stack.processes(), db, ends, records, "alerts-bench-100",
                    -1000, rowsPerStatement);
            long allStored = count(db);
            report.add(String.format("alerts-service, every reading an alert:           %,12.0f records/s = rows/s (%,.0f with"
                    + " JVM start-up; %,.0f steady); %,d rows stored", all.afterAssigned(), all.withStartUp(),
                    all.steady(), allStored));
            report.addAll(all.cpu());

            await(db.query("TRUNCATE TABLE warning_temperatures").execute());
            Map<String, Double> serversBefore = DrainMeter.cpuSeconds(stack.processes());
            long t0 = System.nanoTime();
            long plainRows = plainInserts(db, records, rowsPerStatement, rowsPerTransaction);
            double plainSeconds = (System.nanoTime() - t0) / 1e9;
            double plain = plainRows / plainSeconds;
            Map<String, Double> serversAfter = DrainMeter.cpuSeconds(stack.processes());
            report.add(String.format("plain multi-row INSERT loop (%d rows/statement, %d rows/transaction, 1 connection):"
                    + " %,12.0f rows/s; %,d rows in %.1f s; %s", rowsPerStatement, rowsPerTransaction, plain, plainRows,
                    plainSeconds, serverCpu(serversBefore, serversAfter)));

            double[] perf = TopicBench.perfTest(bootstrap, records);
            report.add(String.format("kafka-consumer-perf-test (read_committed):        %,12.0f records/s (%,.0f with group join)",
                    perf[0], perf[1]));
            report.add(String.format("10 %% alerts / perf-test: %.0f%% (%.0f%% counting start-up and join; %.0f%% steady)"
                    + " — goal: at least 30%%", 100 * ten.afterAssigned() / perf[0], 100 * ten.withStartUp() / perf[1],
                    100 * ten.steady() / perf[0]));
            report.add(String.format("100 %% alerts / plain INSERT loop: %.0f%% (%.0f%% steady) — goal: at least 50%%",
                    100 * all.afterAssigned() / plain, 100 * all.steady() / plain));
            report.add(String.format("no alert / perf-test: %.0f%% (%.0f%% steady): the ceiling of this channel and service on"
                    + " this machine", 100 * none.afterAssigned() / perf[0], 100 * none.steady() / perf[0]));
            if (tenStored != tenPercentAlerts || allStored != records) {
                report.add("WARNING: rows stored differ from the readings above the threshold");
            }
            await(db.close());
        } finally {
            await(vertx.close());
        }
        System.out.println();
        report.forEach(System.out::println);
        Path out = repo.resolve("bench/target/alerts-results.txt");
        Files.write(out, report);
        System.out.println("(also written to " + out + ")");
    }

    /** The lowest threshold that leaves at most {@code share} of the preloaded readings strictly above it. */
    static double thresholdAbove(long records, double share) {
        double[] all = new double[(int) records];
        for (int i = 0; i < all.length; i++) {
            all[i] = TopicBench.degrees(i);
        }
        Arrays.sort(all);
        return all[(int) Math.min(all.length - 1, Math.ceil(all.length * (1 - share)) - 1)];
    }

    static long alertsAbove(long records, double threshold) {
        long n = 0;
        for (long i = 0; i < records; i++) {
            if (TopicBench.degrees(i) > threshold) {
                n++;
            }
        }
        return n;
    }

    private static DrainMeter.Result drain(Path repo, StackSettings s, List<ManagedProcess> servers, MySQLPool db,
            Map<TopicPartition, Long> ends, long records, String group, double threshold, int rowsPerStatement)
            throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", s.mysqlReactiveUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", s.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", s.password());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(Ports.free()));
        env.put("ALERTS_THRESHOLD", String.valueOf(threshold));
        env.put("ALERTS_ROWS_PER_STATEMENT", String.valueOf(rowsPerStatement));
        env.put("MP_MESSAGING_INCOMING_TEMPERATURES_GROUP_ID", group);
        Path log = s.logDir().resolve(group + ".log");
        Files.deleteIfExists(log);
        // The JVM options of production (ServiceCommand): memory is measured as deployed (issue #16).
        List<String> jvm = DrainMeter.jvmOptions("alerts");
        long all = ends.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> serversBefore = DrainMeter.cpuSeconds(servers);
        long wallStart = System.currentTimeMillis();
        long t0 = System.nanoTime();
        ManagedProcess alerts = ManagedProcess.start(group, ServiceCommand.of(ServiceCommand.jarOf(repo, "alerts-service"),
                jvm), env, repo, log, s.pidDir());
        try {
            return DrainMeter.await(List.of(alerts), servers, serversBefore, () -> stored(db, group, ends), all,
                    ASSIGNED, records, t0, wallStart);
        } finally {
            alerts.stop(20);
        }
    }

    /** Records covered by the group's stored offsets (each partition counted up to its end). */
    private static long stored(MySQLPool db, String group, Map<TopicPartition, Long> ends) {
        try {
            long sum = 0;
            for (Row row : await(db.preparedQuery("SELECT kafka_partition, next_offset FROM alert_offsets"
                    + " WHERE consumer_group = ? AND topic = ?").execute(Tuple.of(group, TOPIC)))) {
                Long end = ends.get(new TopicPartition(TOPIC, row.getInteger("kafka_partition")));
                sum += end == null ? 0 : Math.min(end, row.getLong("next_offset"));
            }
            return sum;
        } catch (Exception notYet) {
            return 0; // no table yet
        }
    }

    private static long count(MySQLPool db) throws Exception {
        return await(db.query("SELECT COUNT(*) FROM warning_temperatures").execute()).iterator().next().getLong(0);
    }

    /**
     * The reference: the same rows (the preloaded readings, every one an alert) inserted with plain
     * multi-row INSERTs, {@code rowsPerTransaction} rows per transaction, one after the other.
     */
    private static long plainInserts(MySQLPool db, long records, int rowsPerStatement, int rowsPerTransaction)
            throws Exception {
        PlainInsertLoop loop = new PlainInsertLoop("warning_temperatures", List.of("station_id", "date", "degrees",
                "threshold", "kafka_partition", "kafka_offset"), rowsPerTransaction, rowsPerStatement);
        return loop.insert(db, records, i -> {
            Report r = TopicBench.reading(i);
            return List.of(r.getStationId(), LocalDate.ofEpochDay(ReportCodec.epochDay(r.getDate())), r.getDegrees(),
                    -1000.0, (int) (i % 4), i);
        });
    }

    private static String serverCpu(Map<String, Double> before, Map<String, Double> after) {
        StringBuilder out = new StringBuilder("CPU of the servers meanwhile:");
        after.forEach((name, s) -> out.append(String.format(" %s %.1f s,", name, s - before.getOrDefault(name, 0.0))));
        return out.substring(0, out.length() - 1);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
}
