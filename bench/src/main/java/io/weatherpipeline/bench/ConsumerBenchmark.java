package io.weatherpipeline.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.weatherpipeline.proto.Report;
import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.stack.launcher.ServiceCommand;

/**
 * Measures, on one fresh Kafka broker and a fresh HDFS (NameNode + 3 DataNodes, replication 3):
 * <ol>
 * <li>a topic of 4 partitions preloaded with {@code BENCH_RECORDS} Reports (10 stations, key = station);</li>
 * <li>consumer-service draining it into Parquet on HDFS with checkpoints, either one instance per
 * partition ({@code BENCH_CONSUMERS=4}, the seeds' layout) or one instance owning all four;</li>
 * <li>Kafka's own kafka-consumer-perf-test (ConsumerPerformance) reading the same topic.</li>
 * </ol>
 * The drain counts as done when every partition's checkpoint is at the partition's end offset.
 */
public final class ConsumerBenchmark {

    private static final Pattern CHECKPOINT_OFFSET = Pattern.compile("\"offset\"\\s*:\\s*(\\d+)");
    private static final Pattern ASSIGNED = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*Partition \\d+ assigned", Pattern.MULTILINE);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    /** Linux's USER_HZ: the unit of the CPU times in /proc/PID/task/TID/stat. */
    private static final int CLOCK_TICKS = 100;

    private ConsumerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.parseLong(System.getenv().getOrDefault("BENCH_RECORDS", "2000000"));
        int consumers = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONSUMERS", "4"));
        String maxRecords = System.getenv().getOrDefault("BENCH_FLUSH_MAX_RECORDS", "50000");
        if (consumers != 1 && consumers != 4) {
            throw new IllegalArgumentException("BENCH_CONSUMERS must be 1 (one instance owning 0,1,2,3) or 4 (one per partition)");
        }
        Path repo = Path.of("").toAbsolutePath();
        Path work = repo.resolve("bench/target/consumer-bench-stack");
        LocalStack.wipe(work);
        LocalStack.deleteTree(work.resolve("checkpoints"));
        StackSettings settings = new StackSettings(work, EnumSet.of(Server.KAFKA, Server.HDFS), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), Ports.free(), 3, "weather", "weather", "weather");
        List<String> report = new ArrayList<>();
        report.add(String.format("machine: %d cores, %s; records: %,d in 4 partitions; consumer instances: %d;"
                + " flush every %s records or 10 s; HDFS replication 3",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), records, consumers, maxRecords));
        try (LocalStack stack = LocalStack.start(settings)) {
            String bootstrap = settings.kafkaBootstrapServers();
            double load = preload(bootstrap, records);
            report.add(String.format("preload (acks=all, idempotent):                   %,12.0f records/s", load));
            Map<TopicPartition, Long> ends = endOffsets(bootstrap);

            List<String> cpu = new ArrayList<>();
            double[] ours = drain(repo, settings, stack.processes(), consumers, maxRecords, ends, records, cpu);
            report.add(String.format("consumer-service Kafka -> Parquet on HDFS:        %,12.0f records/s (%,.0f with JVM start-up;"
                    + " %,.0f steady, from 20 %% to 90 %% of the records)", ours[0], ours[1], ours[2]));
            report.addAll(cpu);
            double[] perf = perfTest(bootstrap, records);
            report.add(String.format("kafka-consumer-perf-test (read_committed):        %,12.0f records/s (%,.0f with group join)",
                    perf[0], perf[1]));
            report.add(String.format("consumer-service / perf-test: %.0f%% (%.0f%% counting start-up and join; %.0f%% steady)",
                    100 * ours[0] / perf[0], 100 * ours[1] / perf[1], 100 * ours[2] / perf[0]));
        }
        System.out.println();
        report.forEach(System.out::println);
        Path out = repo.resolve("bench/target/consumer-results.txt");
        Files.write(out, report);
        System.out.println("(also written to " + out + ")");
    }

    /** Fills topic temperatures with valid Reports; records/s of the load. */
    private static double preload(String bootstrap, long records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("temperatures", 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<String> stations = new ArrayList<>();
        for (char c = 'A'; c <= 'J'; c++) {
            stations.add("Station" + c);
        }
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            LocalDate start = LocalDate.of(2000, 1, 1);
            for (long i = 0; i < records; i++) {
                String station = stations.get((int) (i % stations.size()));
                Report r = Report.newBuilder().setStationId(station).setDate(start.plusDays(i / stations.size()).toString())
                        .setDegrees(Math.round(Math.sin(i / 3650.0) * 2000) / 100.0 + 15).build();
                p.send(new ProducerRecord<>("temperatures", station, r.toByteArray()));
            }
            p.flush();
        }
        return records / ((System.nanoTime() - t0) / 1e9);
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        for (int p = 0; p < 4; p++) {
            latest.put(new TopicPartition("temperatures", p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        }
        return out;
    }

    /**
     * Runs the consumers until every checkpoint is at its partition's end: {records/s after assignment,
     * records/s from start, steady records/s}. Adds to {@code cpu} the CPU time each process used meanwhile.
     */
    private static double[] drain(Path repo, StackSettings s, List<ManagedProcess> servers, int instances, String maxRecords,
            Map<TopicPartition, Long> ends, long records, List<String> cpu) throws Exception {
        Path checkpoints = s.workDir().resolve("checkpoints");
        List<ManagedProcess> started = new ArrayList<>();
        Map<String, Double> serversBefore = cpuSeconds(servers);
        long wallStart = System.currentTimeMillis();
        long t0 = System.nanoTime();
        try {
            List<String> claims = instances == 1 ? List.of("0,1,2,3") : List.of("0", "1", "2", "3");
            for (String claim : claims) {
                Map<String, String> env = new LinkedHashMap<>();
                env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers());
                env.put("CONSUMER_HDFS_URI", s.hdfsUri());
                env.put("CONSUMER_PARTITIONS", claim);
                env.put("CONSUMER_CHECKPOINT_DIR", checkpoints.toString());
                env.put("CONSUMER_FLUSH_MAX_RECORDS", maxRecords);
                env.put("QUARKUS_HTTP_PORT", String.valueOf(Ports.free()));
                String name = "consumer-" + claim.replace(',', '-');
                // Logs survive a wipe; this run's start time is read from this run's log only.
                Files.deleteIfExists(s.logDir().resolve(name + ".log"));
                // A bigger heap than in production: the benchmark drains millions of records.
                List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
                // e.g. -XX:StartFlightRecording=filename=consumer.jfr to profile the consumer alone
                String opts = System.getenv().getOrDefault("BENCH_CONSUMER_JAVA_OPTS", "").trim();
                if (!opts.isEmpty()) {
                    jvm.addAll(List.of(opts.split("\\s+")));
                }
                List<String> cmd = ServiceCommand.of(ServiceCommand.jarOf(repo, "consumer-service"), jvm);
                started.add(ManagedProcess.start(name, cmd, env, repo, s.logDir().resolve(name + ".log"), s.pidDir()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1800);
            long all = ends.values().stream().mapToLong(Long::longValue).sum();
            // When the checkpoints first passed 20 % and 90 % of the records: the steady part of the drain,
            // after start-up, group join and JIT warm-up, before the last partial files.
            long at20 = 0;
            long at90 = 0;
            long done;
            while ((done = checkpointed(checkpoints, ends)) < all) {
                if (at20 == 0 && done >= all / 5) {
                    at20 = System.nanoTime();
                }
                if (at90 == 0 && done >= all * 9 / 10) {
                    at90 = System.nanoTime();
                }
                for (ManagedProcess p : started) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(p.name() + " exited; see " + p.logFile());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not drained in 30 min; see " + s.logDir());
                }
                Thread.sleep(20);
            }
            long doneWall = System.currentTimeMillis();
            double total = (System.nanoTime() - t0) / 1e9;
            cpu.add(cpuReport(cpuSeconds(started), serversBefore, cpuSeconds(servers), total, records));
            for (ManagedProcess p : started) {
                cpu.add("  " + p.name() + " by thread: " + threadCpu(p.pid()));
            }
            long firstAssigned = Long.MAX_VALUE;
            for (ManagedProcess p : started) {
                Matcher m = ASSIGNED.matcher(Files.readString(p.logFile()));
                if (m.find()) {
                    firstAssigned = Math.min(firstAssigned, LocalDateTime.parse(m.group(1), LOG_TIME)
                            .atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
                }
            }
            double afterAssigned = (doneWall - Math.max(firstAssigned, wallStart)) / 1e3;
            double steady = at20 == 0 || at90 <= at20 ? Double.NaN : (all * 9 / 10 - all / 5) / ((at90 - at20) / 1e9);
            return new double[] {records / afterAssigned, records / total, steady};
        } finally {
            started.forEach(p -> p.stop(20));
        }
    }

    /** CPU seconds (user + system) each live process has used so far, by name. */
    private static Map<String, Double> cpuSeconds(List<ManagedProcess> processes) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ManagedProcess p : processes) {
            ProcessHandle.of(p.pid()).flatMap(h -> h.info().totalCpuDuration())
                    .ifPresent(d -> out.put(p.name(), d.toNanos() / 1e9));
        }
        return out;
    }

    /**
     * CPU seconds of a process's threads, grouped by name with digits folded ("hdfs-writer-#"), largest
     * first; from /proc (Linux), so threads that already ended are not counted.
     */
    private static String threadCpu(long pid) {
        Map<String, Double> byName = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.io.IOException ended) {
                    continue;
                }
                // pid (comm) state ... ; utime and stime are the 12th and 13th fields after the ')'
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close).replaceAll("\\d+", "#");
                String[] f = stat.substring(close + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
                byName.merge(name, seconds, Double::sum);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "not available (" + e + ")";
        }
        StringBuilder out = new StringBuilder();
        byName.entrySet().stream().sorted(Map.Entry.<String, Double> comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.05)
                .forEach(e -> out.append(String.format("%s %.2f s, ", e.getKey(), e.getValue())));
        return out.length() == 0 ? "-" : out.substring(0, out.length() - 2);
    }

    /** Where the cores went during the drain: CPU seconds per process, and per record. */
    private static String cpuReport(Map<String, Double> consumers, Map<String, Double> serversBefore,
            Map<String, Double> serversAfter, double wallSeconds, long records) {
        StringBuilder line = new StringBuilder("CPU during the drain (user + system):");
        double sum = 0;
        double consumerSum = 0;
        for (Map.Entry<String, Double> e : consumers.entrySet()) {
            line.append(String.format(" %s %.1f s,", e.getKey(), e.getValue()));
            sum += e.getValue();
            consumerSum += e.getValue();
        }
        for (Map.Entry<String, Double> e : serversAfter.entrySet()) {
            double used = e.getValue() - serversBefore.getOrDefault(e.getKey(), 0.0);
            line.append(String.format(" %s %.1f s,", e.getKey(), used));
            sum += used;
        }
        line.append(String.format(" in all %.1f s in %.1f s on %d cores; %.2f µs per record (consumers alone %.2f µs)",
                sum, wallSeconds, Runtime.getRuntime().availableProcessors(), sum * 1e6 / records,
                consumerSum * 1e6 / records));
        return line.toString();
    }

    /** Records covered by the checkpoints (each partition counted up to its end offset). */
    private static long checkpointed(Path checkpoints, Map<TopicPartition, Long> ends) {
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            Path file = checkpoints.resolve("partition-" + e.getKey().partition() + ".json");
            try {
                Matcher m = CHECKPOINT_OFFSET.matcher(Files.readString(file));
                if (m.find()) {
                    sum += Math.min(Long.parseLong(m.group(1)), e.getValue());
                }
            } catch (java.io.IOException notYet) {
                // no checkpoint yet, or being replaced: counts as 0 this time
            }
        }
        return sum;
    }

    /** Runs ConsumerPerformance in its own JVM, as kafka-consumer-perf-test.sh does: {fetch records/s, overall records/s}. */
    private static double[] perfTest(String bootstrap, long records) throws Exception {
        Path props = Files.createTempFile("perf-consumer", ".properties");
        Files.writeString(props, "isolation.level=read_committed\nauto.offset.reset=earliest\n");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", bootstrap, "--topic", "temperatures", "--messages", String.valueOf(records),
                "--group", "perf-" + System.nanoTime(), "--consumer.config", props.toString(), "--timeout", "60000");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Files.deleteIfExists(props);
        // Header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
        //         rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        for (String line : out.split("\n")) {
            String[] f = line.split(",\\s*");
            if (f.length >= 10 && f[4].trim().matches("\\d+")) {
                return new double[] {Double.parseDouble(f[9].trim()), Double.parseDouble(f[5].trim())};
            }
        }
        throw new IllegalStateException("no summary from ConsumerPerformance:\n" + out);
    }
}
