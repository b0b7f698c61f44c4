package io.weatherpipeline.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

/**
 * The topic side of the drain benchmarks: topic {@code temperatures} (4 partitions) preloaded with
 * Reports of 10 stations (key = station), its end offsets, and Kafka's own kafka-consumer-perf-test
 * reading it, the reference every consumer of ours is measured against.
 */
final class TopicBench {

    private TopicBench() {
    }

    /** Stations of the preloaded topic. */
    static final int STATIONS = 10;

    private static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);

    /**
     * The {@code i}-th preloaded reading: StationA…StationJ in turn, each one day after its previous
     * reading (so (station, date) never repeats), degrees from -5 to 35 along a slow sine.
     */
    static Report reading(long i) {
        return Report.newBuilder().setStationId("Station" + (char) ('A' + i % STATIONS))
                .setDate(FIRST_DAY.plusDays(i / STATIONS).toString()).setDegrees(degrees(i)).build();
    }

    /** The degrees of the {@code i}-th preloaded reading. */
    static double degrees(long i) {
        return Math.round(Math.sin(i / 3650.0) * 2000) / 100.0 + 15;
    }

    /** Fills topic temperatures with valid Reports ({@link #reading}); records/s of the load. */
    static double preload(String bootstrap, long records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("temperatures", 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                Report r = reading(i);
                p.send(new ProducerRecord<>("temperatures", r.getStationId(), r.toByteArray()));
            }
            p.flush();
        }
        return records / ((System.nanoTime() - t0) / 1e9);
    }

    static Map<TopicPartition, Long> endOffsets(String bootstrap) throws Exception {
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

    /** Runs ConsumerPerformance in its own JVM, as kafka-consumer-perf-test.sh does: {fetch records/s, overall records/s}. */
    static double[] perfTest(String bootstrap, long records) throws Exception {
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
