package io.weatherpipeline.consumer.writer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

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
    public static final String REASON = "reason";

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

    /** Sends them and waits for the broker's acknowledgement. */
    public synchronized void send(List<Poison> poison) throws IOException {
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
                headers.add(REASON, p.reason().getBytes(StandardCharsets.UTF_8));
                acks.add(producer.send(new ProducerRecord<>(topic, null, p.key(), p.value(), headers)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("Kafka at " + bootstrapServers + " to take dead letters for " + topic
                    + " (interrupted)", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new DeadLetterException("Kafka at " + bootstrapServers + " to take dead letters for " + topic + " ("
                    + e.getMessage() + ")", e);
        }
    }

    private void createTopicIfAbsent() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            // The broker's default partitions and replication.
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
            LOG.infof("Created dead-letter topic %s", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Kafka did not acknowledge dead letters: the batch that skips them waits. */
    public static class DeadLetterException extends IOException {
        public DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
