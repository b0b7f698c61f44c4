package io.weatherpipeline.consumer.writer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import io.weatherpipeline.common.kafka.DeadLetterHeaders;
import io.weatherpipeline.common.kafka.KafkaTopics;

/**
 * Sends poison records (values that are not a Report) to {@code consumer.dead-letter-topic} with the
 * original key and bytes and headers naming where they came from and why. A batch is written only
 * after its poison records are acknowledged (acks=all), so no offset is ever unaccounted for; after a
 * crash before the checkpoint a poison record may be sent again, with the same source headers.
 */
public class DeadLetterPublisher {

    public static final String SOURCE_TOPIC = "source_topic";
    public static final String SOURCE_PARTITION = "source_partition";
    public static final String SOURCE_OFFSET = "source_offset";

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final String bootstrapServers;
    private final String topic;
    private KafkaProducer<byte[], byte[]> producer;

    /** @param topic the dead-letter topic, created (with the broker's defaults) before the first send */
    public DeadLetterPublisher(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** A record that could not be read as a Report. */
    public record Poison(String sourceTopic, int partition, long offset, byte[] key, byte[] value, String reason) {
    }

    /**
     * Sends them and waits for the broker's acknowledgement.
     *
     * @throws UnavailableException naming the broker, when it did not acknowledge them all
     */
    public synchronized void send(List<Poison> poison) throws UnavailableException {
        if (poison.isEmpty()) {
            return;
        }
        try {
            if (producer == null) {
                createTopicIfAbsent();
                producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.CLIENT_ID_CONFIG, "weather-consumer-dlq",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                        new ByteArraySerializer(), new ByteArraySerializer());
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (Poison p : poison) {
                LOG.errorf("Record %s-%d@%d is not a Report (%s): sent to %s", p.sourceTopic(), p.partition(),
                        p.offset(), p.reason(), topic);
                RecordHeaders headers = new RecordHeaders();
                headers.add(SOURCE_TOPIC, p.sourceTopic().getBytes(StandardCharsets.UTF_8));
                headers.add(SOURCE_PARTITION, Integer.toString(p.partition()).getBytes(StandardCharsets.UTF_8));
                headers.add(SOURCE_OFFSET, Long.toString(p.offset()).getBytes(StandardCharsets.UTF_8));
                DeadLetterHeaders.addReason(headers, p.reason());
                acks.add(producer.send(new ProducerRecord<>(topic, null, p.key(), p.value(), headers)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(needed(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new UnavailableException(needed(), e);
        }
    }

    /** What a batch with poison records waits for when they are not acknowledged. */
    private String needed() {
        return "Kafka at " + bootstrapServers + " to take dead letters for " + topic;
    }

    private void createTopicIfAbsent() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(KafkaTopics.adminConfig(bootstrapServers))) {
            // The broker's default partitions and replication.
            KafkaTopics.createIfAbsent(admin, new NewTopic(topic, Optional.empty(), Optional.empty()),
                    Duration.ofSeconds(30));
        }
    }

    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
