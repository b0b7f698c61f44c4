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
 * Measures, on one fresh Kafka broker and a fresh HDFS (NameNode + 3 DataNodes, replication 3):
 * <ol>
 * <li>a topic of 4 partitions preloaded with {@code BENCH_RECORDS} Reports (10 stations, key = station);</li>
 * <li>consumer-service draining it into Parquet on HDFS with checkpoints, either one instance per
 * partition ({@code BENCH_CONSUMERS=4}, the seeds' layout) or one instance owning all four;</li>
 * <li>the channel's own ceiling: bench/consumer-ceiling (consumer-service as packaged, its handler replaced by one
 * that writes nothing) draining the same topic with the same instances;</li>
 * <li>Kafka's own kafka-consumer-perf-test (ConsumerPerformance) reading the same topic.</li>
 * </ol>
 * The drain counts as done when every partition's checkpoint is at the partition's end offset ({@link DrainMeter}).
 */
public final class ConsumerBenchmark {

    /** consumer-service with a handler that does nothing: built for this benchmark only. */
    private static final String CEILING_MODULE = "bench/consumer-ceiling";

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
        LocalStack.deleteTree(checkpointsOf(work, "consumer-service"));
        LocalStack.deleteTree(checkpointsOf(work, CEILING_MODULE));
        StackSettings settings = new StackSettings(work, EnumSet.of(Server.KAFKA, Server.HDFS), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), Ports.free(), 3, "weather", "weather", "weather");
        List<String> report = new ArrayList<>();
        report.add(String.format("machine: %d cores, %s; records: %,d in 4 partitions; consumer instances: %d;"
                + " flush every %s records or 10 s; HDFS replication 3",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), records, consumers, maxRecords));
        try (LocalStack stack = LocalStack.start(settings)) {
            String bootstrap = settings.kafkaBootstrapServers();
            double load = TopicBench.preload(bootstrap, records);
            report.add(String.format("preload (acks=all, idempotent):                   %,12.0f records/s", load));
            Map<TopicPartition, Long> ends = TopicBench.endOffsets(bootstrap);

            DrainMeter.Result ours = drain(repo, "consumer-service", settings, stack.processes(), consumers, maxRecords,
                    ends, records);
            report.add(String.format("consumer-service Kafka -> Parquet on HDFS:        %,12.0f records/s (%,.0f with JVM start-up;"
                    + " %,.0f steady, from 20 %% to 90 %% of the records)", ours.afterAssigned(), ours.withStartUp(),
                    ours.steady()));
            report.addAll(ours.cpu());
            DrainMeter.Result ceiling = drain(repo, CEILING_MODULE, settings, stack.processes(), consumers, maxRecords,
                    ends, records);
            report.add(String.format("the channel alone (empty handler, %s):  %,12.0f records/s (%,.0f with JVM start-up;"
                    + " %,.0f steady)", CEILING_MODULE, ceiling.afterAssigned(), ceiling.withStartUp(), ceiling.steady()));
            report.addAll(ceiling.cpu());
            double[] perf = TopicBench.perfTest(bootstrap, records);
            report.add(String.format("kafka-consumer-perf-test (read_committed):        %,12.0f records/s (%,.0f with group join)",
                    perf[0], perf[1]));
            report.add(String.format("consumer-service / perf-test: %.0f%% (%.0f%% counting start-up and join; %.0f%% steady)",
                    100 * ours.afterAssigned() / perf[0], 100 * ours.withStartUp() / perf[1], 100 * ours.steady() / perf[0]));
            report.add(String.format("consumer-service / the channel's ceiling: %.0f%% (%.0f%% counting start-up; %.0f%% steady)",
                    100 * ours.afterAssigned() / ceiling.afterAssigned(), 100 * ours.withStartUp() / ceiling.withStartUp(),
                    100 * ours.steady() / ceiling.steady()));
        }
        System.out.println();
        report.forEach(System.out::println);
        Path out = repo.resolve("bench/target/consumer-results.txt");
        Files.write(out, report);
        System.out.println("(also written to " + out + ")");
    }

    /** Runs the consumers (the packaged jar of {@code module}) until every checkpoint is at its partition's end. */
    private static DrainMeter.Result drain(Path repo, String module, StackSettings s, List<ManagedProcess> servers,
            int instances, String maxRecords, Map<TopicPartition, Long> ends, long records) throws Exception {
        String shortName = Path.of(module).getFileName().toString();
        Path checkpoints = checkpointsOf(s.workDir(), module);
        List<ManagedProcess> started = new ArrayList<>();
        Map<String, Double> serversBefore = DrainMeter.cpuSeconds(servers);
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
                // Recovery must not find the other drain's batch files.
                env.put("CONSUMER_HDFS_DATA_DIR", "/" + shortName);
                env.put("CONSUMER_FLUSH_MAX_RECORDS", maxRecords);
                env.put("QUARKUS_HTTP_PORT", String.valueOf(Ports.free()));
                String name = shortName + "-" + claim.replace(',', '-');
                // Logs survive a wipe; this run's start time is read from this run's log only.
                Files.deleteIfExists(s.logDir().resolve(name + ".log"));
                // The JVM options of production (ServiceCommand): memory is measured as deployed (issue #16).
                // e.g. -XX:StartFlightRecording=filename=consumer.jfr to profile the consumer alone
                List<String> jvm = DrainMeter.jvmOptions("consumer");
                List<String> cmd = ServiceCommand.of(ServiceCommand.jarOf(repo, module), jvm);
                started.add(ManagedProcess.start(name, cmd, env, repo, s.logDir().resolve(name + ".log"), s.pidDir()));
            }
            return DrainMeter.await(started, servers, serversBefore, checkpoints, ends, records, t0, wallStart);
        } finally {
            started.forEach(p -> p.stop(20));
        }
    }

    /** The checkpoint directory of {@code module}'s drain: one per module, so the second drain starts from the beginning too. */
    private static Path checkpointsOf(Path work, String module) {
        return work.resolve("checkpoints-" + Path.of(module).getFileName());
    }
}
