package io.weatherpipeline.consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.weatherpipeline.common.kafka.DeadLetterHeaders;
import io.weatherpipeline.consumer.batch.BatchFileName;
import io.weatherpipeline.consumer.batch.CommittedBatches;
import io.weatherpipeline.consumer.columns.Reading;
import io.weatherpipeline.consumer.writer.DeadLetterPublisher;
import io.weatherpipeline.consumer.writer.PartitionWriters;
import io.weatherpipeline.testsupport.WeatherStackResource;

/**
 * The service against a real broker and a real HDFS (3 DataNodes): started before its topic exists,
 * it waits, then writes every committed record of its four partitions exactly once (aborted
 * transactions and a poison record included) as Parquet batches with checkpoints.
 */
@QuarkusTest
@QuarkusTestResource(value = WeatherStackResource.class,
        initArgs = @ResourceArg(name = WeatherStackResource.SERVERS, value = "kafka,hdfs"))
class ConsumerPipelineTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "consumer.dead-letter-topic")
    String deadLetterTopic;

    @ConfigProperty(name = "consumer.hdfs.uri")
    String hdfsUri;

    @Inject
    PartitionWriters writers;

    @Inject
    org.apache.hadoop.fs.FileSystem fs;

    @Test
    void waitsForTheTopicThenWritesEveryCommittedRecordOnce() throws Exception {
        // Started before the topic exists: not ready, and says why.
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'kafka-to-hdfs writer' }.data.waiting_for",
                        org.hamcrest.Matchers.containsString("not held"));

        ReportProducer.createTopic(bootstrap, "temperatures", 4);
        List<ReportProducer.Sent> sent = new ArrayList<>();
        byte[] poison = "not a report".getBytes(StandardCharsets.UTF_8);
        try (ReportProducer producer = new ReportProducer(bootstrap, "temperatures", "consumer-pipeline-test")) {
            for (int round = 0; round < 6; round++) {
                sent.addAll(producer.commit(List.of(0, 1, 2, 3), 250));
                producer.abort(List.of(0, 2), 40);
                if (round == 2) {
                    producer.poison(1, poison);
                }
            }
        }
        CommittedBatches committed = new CommittedBatches(writers.files(), writers.checkpoints());
        await().atMost(Duration.ofSeconds(90)).until(() -> Reconciliation.drained(committed, sent, 4));

        for (int p = 0; p < 4; p++) {
            Reconciliation.assertExactlyOnce(sent, committed, p, "pipeline");
        }
        assertEquals(Set.of(0, 1, 2, 3), writers.held());
        // Readable by a Parquet reader that is not ours, with the three columns of the original course design and our footer.
        BatchFileName first = committed.files(3).get(0);
        IndependentReaderCheck.assertReadable(fs, writers.files().path(first), writers.files().rows(first),
                writers.files().footer(first));
        // 1,500 rows per partition in batches of at most 700: several files each, size-flushed and time-flushed.
        assertTrue(committed.files(0).size() >= 3, committed.files(0).toString());

        // The poison record is accounted for in a footer and sits in the dead-letter topic with its origin.
        List<Long> deadInFooters = committed.footers(1).stream().flatMap(f -> f.deadLetteredOffsets().stream()).toList();
        assertEquals(1, deadInFooters.size(), deadInFooters.toString());
        ConsumerRecord<String, byte[]> dead = readOne(deadLetterTopic);
        assertEquals("not a report", new String(dead.value(), StandardCharsets.UTF_8));
        assertEquals(String.valueOf(deadInFooters.get(0)), header(dead, DeadLetterPublisher.SOURCE_OFFSET));
        assertEquals("1", header(dead, DeadLetterPublisher.SOURCE_PARTITION));
        assertTrue(header(dead, DeadLetterHeaders.REASON).contains("not a protobuf Report")
                || header(dead, DeadLetterHeaders.REASON).contains("missing"), header(dead, DeadLetterHeaders.REASON));

        // The read command prints exactly the committed rows, as CSV.
        java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(0, ReadCommittedCommand.run(new String[] {"--hdfs", hdfsUri, "--data-dir", "/quarkus-test/data",
                "--checkpoint-dir", writers.checkpoints().dir().toString(), "2,3"}, new java.io.PrintStream(csv, true),
                new java.io.PrintStream(err, true)), err.toString());
        List<String> lines = List.of(csv.toString(StandardCharsets.UTF_8).split("\n"));
        assertEquals("station_id,date,degrees,partition,batch_id", lines.get(0));
        assertEquals(committed.rows(2).size() + committed.rows(3).size(), lines.size() - 1);
        Reading firstOf3 = committed.rows(3).get(0);
        assertTrue(lines.contains(firstOf3.stationId() + "," + java.time.LocalDate.ofEpochDay(firstOf3.epochDay()) + ","
                + firstOf3.degrees() + ",3,0"), lines.subList(0, 3).toString());
        assertEquals(2, ReadCommittedCommand.run(new String[] {"x"}, new java.io.PrintStream(csv),
                new java.io.PrintStream(err)));

        // The checkpoints are mirrored into the group's offsets, so lag tools see the consumer.
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", bootstrap))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var offsets = admin.listConsumerGroupOffsets("weather-consumer").partitionsToOffsetAndMetadata()
                        .get(10, java.util.concurrent.TimeUnit.SECONDS);
                for (int p = 0; p < 4; p++) {
                    assertEquals(committed.checkpoint(p).orElseThrow().offset(),
                            offsets.get(new TopicPartition("temperatures", p)).offset(), "group offset of partition " + p);
                }
            });
        }

        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/partitions").then().statusCode(200).body("size()", equalTo(4));
        given().when().get("/partitions/0/files").then().statusCode(200)
                .body("[0].file", org.hamcrest.Matchers.endsWith("/quarkus-test/data/partition-0-batch-0.parquet"))
                .body("[0].start_offset", equalTo(0));
        given().when().get("/partitions/7/files").then().statusCode(404);
    }

    /** Requests as sent (already URL-encoded), the status and a part of the error each must get. */
    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("/partitions/x/files", 400, "'x' is not a partition number: a partition is a whole number from 0"
                        + " (this instance owns 0,1,2,3)"),
                Arguments.of("/partitions/0x1/files", 400, "'0x1' is not a partition number"),
                Arguments.of("/partitions/-1/files", 400, "partition '-1' is negative"),
                Arguments.of("/partitions/4294967296/files", 400, "partition '4294967296' is too large"),
                Arguments.of("/partitions/" + "x".repeat(300) + "/files", 400, "…' (300 characters) is not a partition number"),
                Arguments.of("/partitions/7/files", 404, "partition 7 is not owned by this consumer (consumer.partitions=0,1,2,3)"),
                Arguments.of("/partitions/0/files?batch=1", 400,
                        "unknown query parameter 'batch': GET /partitions/{partition}/files takes none"),
                Arguments.of("/partitions?partition=0", 400, "unknown query parameter 'partition': GET /partitions takes none"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void refusesBadInputSayingWhatIsValid(String request, int status, String says) {
        given().urlEncodingEnabled(false).when().get(request).then().statusCode(status)
                .contentType(org.hamcrest.Matchers.containsString("application/json"))
                .body("error", org.hamcrest.Matchers.containsString(says));
    }

    private ConsumerRecord<String, byte[]> readOne(String topic) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got.isEmpty() && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(got::add);
            }
            assertEquals(1, got.size(), "records in " + topic);
            return got.get(0);
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
