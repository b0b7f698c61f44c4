package io.weatherpipeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.stack.launcher.ServiceCommand;

/**
 * Measures, on one fresh Kafka broker: a topic of 4 partitions preloaded with {@code BENCH_RECORDS}
 * Reports (10 stations, key = station); one stats-service instance owning 0,1,2,3 counting it into
 * its {@code partition-N.json} files; and Kafka's own kafka-consumer-perf-test reading the same topic.
 * The drain counts as done when every statistics file's offset is at its partition's end.
 */
public final class StatsBenchmark {

    private StatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.parseLong(System.getenv().getOrDefault("BENCH_RECORDS", "2000000"));
        Path repo = Path.of("").toAbsolutePath();
        Path work = repo.resolve("bench/target/stats-bench-stack");
        LocalStack.wipe(work);
        LocalStack.deleteTree(work.resolve("stats"));
        StackSettings settings = new StackSettings(work, EnumSet.of(Server.KAFKA), Ports.free(), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), 3, "weather", "weather", "weather");
        List<String> report = new ArrayList<>();
        report.add(String.format("machine: %d cores, %s; records: %,d in 4 partitions (10 stations); one stats-service"
                + " instance owning 0,1,2,3; files written at most every 1 s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), records));
        try (LocalStack stack = LocalStack.start(settings)) {
            String bootstrap = settings.kafkaBootstrapServers();
            double load = TopicBench.preload(bootstrap, records);
            report.add(String.format("preload (acks=all, idempotent):                   %,12.0f records/s", load));
            Map<TopicPartition, Long> ends = TopicBench.endOffsets(bootstrap);

            DrainMeter.Result ours = drain(repo, settings, stack.processes(), ends, records);
            report.add(String.format("stats-service Kafka -> partition-N.json:          %,12.0f records/s (%,.0f with JVM start-up;"
                    + " %,.0f steady, from 20 %% to 90 %% of the records)", ours.afterAssigned(), ours.withStartUp(),
                    ours.steady()));
            report.addAll(ours.cpu());
            long bytes = 0;
            try (var files = Files.list(work.resolve("stats"))) {
                for (Path f : files.toList()) {
                    bytes += Files.size(f);
                }
            }
            report.add(String.format("statistics files: %,d bytes in all", bytes));
            double[] perf = TopicBench.perfTest(bootstrap, records);
            report.add(String.format("kafka-consumer-perf-test (read_committed):        %,12.0f records/s (%,.0f with group join)",
                    perf[0], perf[1]));
            report.add(String.format("stats-service / perf-test: %.0f%% (%.0f%% counting start-up and join; %.0f%% steady)"
                    + " — goal: at least 40%% from assignment",
                    100 * ours.afterAssigned() / perf[0], 100 * ours.withStartUp() / perf[1], 100 * ours.steady() / perf[0]));
        }
        System.out.println();
        report.forEach(System.out::println);
        Path out = repo.resolve("bench/target/stats-results.txt");
        Files.write(out, report);
        System.out.println("(also written to " + out + ")");
    }

    private static DrainMeter.Result drain(Path repo, StackSettings s, List<ManagedProcess> servers,
            Map<TopicPartition, Long> ends, long records) throws Exception {
        Path dir = s.workDir().resolve("stats");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers());
        env.put("STATS_PARTITIONS", "0,1,2,3");
        env.put("STATS_DIR", dir.toString());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(Ports.free()));
        // Logs survive a wipe; this run's start time is read from this run's log only.
        Files.deleteIfExists(s.logDir().resolve("stats.log"));
        // The JVM options of production (ServiceCommand): memory is measured as deployed (issue #16).
        List<String> jvm = DrainMeter.jvmOptions("stats");
        Map<String, Double> serversBefore = DrainMeter.cpuSeconds(servers);
        long wallStart = System.currentTimeMillis();
        long t0 = System.nanoTime();
        ManagedProcess stats = ManagedProcess.start("stats", ServiceCommand.of(ServiceCommand.jarOf(repo, "stats-service"),
                jvm), env, repo, s.logDir().resolve("stats.log"), s.pidDir());
        try {
            return DrainMeter.await(List.of(stats), servers, serversBefore, dir, ends, records, t0, wallStart);
        } finally {
            stats.stop(20);
        }
    }
}
