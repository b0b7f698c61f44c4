package io.weatherpipeline.debug;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportDeserializer;
import io.weatherpipeline.proto.ReportSerializer;
import io.weatherpipeline.testsupport.WeatherStackResource;

/** A Report goes through a real Kafka broker (KRaft) with the project's protobuf serde. */
@QuarkusTest
@QuarkusTestResource(value = WeatherStackResource.class,
        initArgs = @ResourceArg(name = WeatherStackResource.SERVERS, value = "kafka"))
class KafkaSmokeTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void reportRoundTripsThroughTheBrokerWithTheProtoSerde() throws Exception {
        String topic = "smoke-reports";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Report sent = Report.newBuilder().setStationId("StationC").setDate("2008-12-17").setDegrees(35.2621).build();
        RecordMetadata meta;
        try (KafkaProducer<String, Report> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ReportSerializer())) {
            meta = producer.send(new ProducerRecord<>(topic, sent.getStationId(), sent)).get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<String, Report>> got = new ArrayList<>();
        try (KafkaConsumer<String, Report> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ReportDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, meta.partition());
            consumer.assign(Set.of(tp));
            consumer.seek(tp, meta.offset());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(got::add);
            }
        }
        assertEquals(1, got.size());
        assertEquals("StationC", got.get(0).key());
        assertEquals(sent, got.get(0).value());
    }

    @Test
    void healthEndpointsAnswer() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
