package io.weatherpipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weatherpipeline.stack.StackSettings.Server;

/**
 * Three KRaft brokers (WEATHER_KAFKA_BROKERS=3): the data topic and Kafka's own topics get three
 * replicas, and with one broker killed transactions still commit (min.insync.replicas 2) and a
 * read_committed reader sees every committed record once; the broker comes back with its data.
 */
class KafkaClusterTest {

    @TempDir
    Path work;

    @Test
    void oneOfThreeBrokersMayBeLostWithoutLosingOrDoublingARecord() throws Exception {
        int base = Ports.freeRun(6);
        StackSettings settings = new StackSettings(work, EnumSet.of(Server.KAFKA), base, base + 1, 3306, 9000, 9870, 1,
                "weather", "weather", "weather", 3);
        try (LocalStack stack = LocalStack.start(settings)) {
            String bootstrap = settings.kafkaBootstrapServers();
            assertEquals(3, bootstrap.split(",").length, bootstrap);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("t", 4, (short) 3))).all().get(30, TimeUnit.SECONDS);
            }
            Set<String> sent = new TreeSet<>();
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                producer.initTransactions();
                send(producer, sent, 0, 500);
                stack.killKafkaBroker(1);
                send(producer, sent, 500, 500);
                stack.restartKafkaBroker(1);
                send(producer, sent, 1000, 500);
            }
            assertEquals(sent, readCommitted(bootstrap, sent.size()));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Map<String, TopicDescription> topics = admin.describeTopics(List.of("t", "__transaction_state"))
                        .allTopicNames().get(30, TimeUnit.SECONDS);
                topics.forEach((name, d) -> d.partitions().forEach(p ->
                        assertEquals(3, p.replicas().size(), name + " partition " + p.partition() + " replicas")));
            }
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cluster-test",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000), new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, Set<String> sent, int from, int n) {
        producer.beginTransaction();
        for (int i = from; i < from + n; i++) {
            producer.send(new ProducerRecord<>("t", "key-" + (i % 10), "value-" + i));
            sent.add("value-" + i);
        }
        producer.commitTransaction();
    }

    private static Set<String> readCommitted(String bootstrap, int expected) {
        Set<String> seen = new TreeSet<>();
        List<String> duplicates = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "cluster-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("t"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.size() + duplicates.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!seen.add(r.value())) {
                        duplicates.add(r.value());
                    }
                }
            }
        }
        assertEquals(List.of(), duplicates, "records read twice");
        return seen;
    }
}
