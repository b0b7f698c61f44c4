package io.weatherpipeline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.stack.launcher.ServiceCommand;

/**
 * Measures, on one fresh Kafka broker: a topic of 4 partitions preloaded with {@code BENCH_RECORDS}
 * Reports (10 stations, key = station); one windows-service instance (Kafka Streams, exactly_once_v2)
 * aggregating it into windows and running totals; and Kafka's own kafka-consumer-perf-test reading the
 * same topic. The drain counts as done when the instance's consumer group (its application id) has
 * committed every partition's end offset: under exactly-once that commit is in the same transaction as
 * the state it produced. Then {@code GET /count?by=total} must equal the record count.
 */
public final class WindowsBenchmark {

    private static final String APP_ID = "weather-windows-bench";
    /** The service's log line when Kafka Streams starts processing: its first assignment. */
    private static final Pattern RUNNING = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*Kafka Streams REBALANCING -> RUNNING with partition\\(s\\) \\[\\d",
            Pattern.MULTILINE);

    private WindowsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.parseLong(System.getenv().getOrDefault("BENCH_RECORDS", "2000000"));
        String size = System.getenv().getOrDefault("BENCH_WINDOW_SIZE", "2m");
        Path repo = Path.of("").toAbsolutePath();
        Path work = repo.resolve("bench/target/windows-bench-stack");
        LocalStack.wipe(work);
        LocalStack.deleteTree(work.resolve("windows-state"));
        StackSettings settings = new StackSettings(work, EnumSet.of(Server.KAFKA), Ports.free(), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), 3, "weather", "weather", "weather");
        List<String> report = new ArrayList<>();
        report.add(String.format("machine: %d cores, %s; records: %,d in 4 partitions (10 stations); one windows-service"
                + " instance, Kafka Streams exactly_once_v2, windows of %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), records, size));
        try (LocalStack stack = LocalStack.start(settings)) {
            String bootstrap = settings.kafkaBootstrapServers();
            double load = TopicBench.preload(bootstrap, records);
            report.add(String.format("preload (acks=all, idempotent):                   %,12.0f records/s", load));
            Map<TopicPartition, Long> ends = TopicBench.endOffsets(bootstrap);

            Drain ours = drain(repo, settings, stack.processes(), ends, records, size);
            report.add(String.format("windows-service Kafka -> windows and totals:      %,12.0f records/s (%,.0f with JVM start-up;"
                    + " %,.0f steady, from 20 %% to 90 %% of the records)", ours.result.afterAssigned(),
                    ours.result.withStartUp(), ours.result.steady()));
            report.addAll(ours.result.cpu());
            report.add("windows-service memory at the end of the drain: " + ours.rss + "; count?by=total answered "
                    + ours.total + (ours.total == records ? " (= the records preloaded)" : " — NOT the records preloaded"));
            double[] perf = TopicBench.perfTest(bootstrap, records);
            report.add(String.format("kafka-consumer-perf-test (read_committed):        %,12.0f records/s (%,.0f with group join)",
                    perf[0], perf[1]));
            report.add(String.format("windows-service / perf-test: %.0f%% (%.0f%% counting start-up and join; %.0f%% steady)"
                    + " — goal: at least 25%% with exactly-once", 100 * ours.result.afterAssigned() / perf[0],
                    100 * ours.result.withStartUp() / perf[1], 100 * ours.result.steady() / perf[0]));
        }
        System.out.println();
        report.forEach(System.out::println);
        Path out = repo.resolve("bench/target/windows-results.txt");
        Files.write(out, report);
        System.out.println("(also written to " + out + ")");
    }

    private record Drain(DrainMeter.Result result, String rss, long total) {
    }

    private static Drain drain(Path repo, StackSettings s, List<ManagedProcess> servers, Map<TopicPartition, Long> ends,
            long records, String size) throws Exception {
        int port = Ports.free();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", APP_ID);
        env.put("KAFKA_STREAMS_STATE_DIR", s.workDir().resolve("windows-state").toString());
        env.put("WINDOWS_SIZE", size);
        // No HDFS in this benchmark: windows that close wait in the store (the writer retries aside).
        env.put("WINDOWS_HDFS_URI", "hdfs://localhost:" + Ports.free());
        Files.deleteIfExists(s.logDir().resolve("windows.log"));
        List<String> jvm = DrainMeter.jvmOptions("windows");
        long all = ends.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> serversBefore = DrainMeter.cpuSeconds(servers);
        long wallStart = System.currentTimeMillis();
        long t0 = System.nanoTime();
        ManagedProcess windows = ManagedProcess.start("windows", ServiceCommand.of(ServiceCommand.jarOf(repo,
                "windows-service"), jvm), env, repo, s.logDir().resolve("windows.log"), s.pidDir());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.kafkaBootstrapServers()))) {
            DrainMeter.Result result = DrainMeter.await(List.of(windows), servers, serversBefore,
                    () -> committed(admin, ends), all, RUNNING, records, t0, wallStart);
            String rss = DrainMeter.rss(windows);
            return new Drain(result, rss, total(port));
        } finally {
            windows.stop(20);
        }
    }

    /** Records covered by the group's committed offsets (each partition counted up to its end). */
    private static long committed(Admin admin, Map<TopicPartition, Long> ends) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(APP_ID)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long sum = 0;
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                OffsetAndMetadata o = offsets.get(e.getKey());
                sum += o == null ? 0 : Math.min(o.offset(), e.getValue());
            }
            return sum;
        } catch (Exception notYet) {
            return 0;
        }
    }

    /** The service's own {@code count?by=total}, asked until it answers. */
    private static long total(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Pattern total = Pattern.compile("\"total\"\\s*:\\s*(\\d+)\\s*}\\s*$");
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/count?by=total")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = total.matcher(r.body());
            if (r.statusCode() == 200 && m.find()) {
                return Long.parseLong(m.group(1));
            }
            Thread.sleep(200);
        }
        return -1;
    }
}
