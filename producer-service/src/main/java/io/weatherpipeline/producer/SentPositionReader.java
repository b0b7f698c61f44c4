package io.weatherpipeline.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.weatherpipeline.common.kafka.KafkaTopics;

/**
 * Recovers where the tailer stopped: the last row id the producer committed to Kafka, the largest
 * {@code row_id} header among the committed records of every partition of its topics (read_committed,
 * so an aborted or still-open transaction of a crashed producer is not counted). Kafka is the source
 * of truth for the watermark, so it survives a kill -9 with nothing written locally.
 */
@ApplicationScoped
public class SentPositionReader {

    /** Records read back from each partition's end on the first try; doubled until a row id is found. */
    static final int FIRST_WINDOW = 256;

    private final TailerConfig config;
    private final TransactionSender sender;
    private final String bootstrapServers;

    SentPositionReader(TailerConfig config, TransactionSender sender,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.sender = sender;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Creates the topics if needed ({@link TopicSetup}), fences any earlier incarnation
     * ({@link TransactionSender#fence()}), then reads the last committed row id back. The blocking
     * Kafka calls run on a worker thread.
     */
    public Uni<Long> recover() {
        return Uni.createFrom().item(() -> {
            try (Admin admin = Admin.create(KafkaTopics.adminConfig(bootstrapServers))) {
                TopicSetup.ensure(admin, config);
            } catch (KafkaTopics.PartitionCountMismatchException e) {
                throw e;
            } catch (Exception e) {
                throw new ServerUnavailableException("Kafka at " + bootstrapServers + " to create or check topic "
                        + config.topic(), e);
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(sender::fence)
                .chain(() -> Uni.createFrom().item(this::lastSentRowId)
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private long lastSentRowId() {
        try {
            return lastSentRowId(bootstrapServers, List.of(config.topic(), config.deadLetterTopic()));
        } catch (RuntimeException e) {
            throw new ServerUnavailableException("Kafka at " + bootstrapServers + " to read back the last row id sent",
                    e);
        }
    }

    /** The last committed row id, or 0 when nothing was ever sent. */
    static long lastSentRowId(String bootstrapServers, List<String> topics) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // the LSO under read_committed
            long max = 0;
            for (TopicPartition tp : partitions) {
                max = Math.max(max, lastRowId(consumer, tp, begin.get(tp), end.get(tp)));
            }
            return max;
        }
    }

    private static long lastRowId(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long begin, long end) {
        long window = FIRST_WINDOW;
        long from = end;
        while (from > begin) {
            long to = from;
            from = Math.max(begin, to - window);
            long found = maxRowIdBetween(consumer, tp, from, to);
            if (found >= 0) {
                return found;
            }
            window *= 2;
        }
        return 0;
    }

    /** Largest row id in offsets [from, to) of one partition, or -1 if there is none (markers, aborted records). */
    private static long maxRowIdBetween(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long from, long to) {
        consumer.pause(consumer.assignment());
        consumer.resume(List.of(tp));
        consumer.seek(tp, from);
        long max = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumer.position(tp) < to) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + tp + " offsets " + from + ".." + to + " within 60 s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                if (r.offset() >= to) {
                    break;
                }
                Header h = r.headers().lastHeader(Headers.ROW_ID);
                if (h != null) {
                    max = Math.max(max, Headers.parseRowId(h.value()));
                }
            }
        }
        return max;
    }
}
