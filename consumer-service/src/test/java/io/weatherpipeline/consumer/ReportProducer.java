package io.weatherpipeline.consumer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.weatherpipeline.consumer.columns.Reading;
import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;

/**
 * Writes Reports into a topic the way producer-service does (transactions, key = station), to
 * explicit partitions so tests know where each lands. Every reading is unique (station, date), so
 * files can be reconciled against what was sent.
 */
final class ReportProducer implements AutoCloseable {

    /** One sent reading: where it went and what it was. */
    record Sent(int partition, long offset, Reading reading) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private int day;

    ReportProducer(String bootstrap, String topic, String transactionalId) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** One committed transaction of {@code perPartition} readings to each partition in {@code partitions}. */
    List<Sent> commit(List<Integer> partitions, int perPartition) throws Exception {
        return transaction(partitions, perPartition, true);
    }

    /** One aborted transaction: records a read_committed reader never sees, leaving offset gaps. */
    void abort(List<Integer> partitions, int perPartition) throws Exception {
        transaction(partitions, perPartition, false);
    }

    /** A committed value that is not a Report. */
    void poison(int partition, byte[] value) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, partition, "Poison", value));
        producer.commitTransaction();
    }

    private List<Sent> transaction(List<Integer> partitions, int perPartition, boolean commit) throws Exception {
        List<Sent> sent = new ArrayList<>();
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks = new ArrayList<>();
        List<Reading> readings = new ArrayList<>();
        producer.beginTransaction();
        for (int p : partitions) {
            for (int i = 0; i < perPartition; i++) {
                LocalDate date = LocalDate.of(2000, 1, 1).plusDays(day++);
                Reading r = new Reading("Station" + p, (int) date.toEpochDay(), Math.round((day % 400) * 0.137 * 1e4) / 1e4 - 20);
                Report report = Report.newBuilder().setStationId(r.stationId()).setDate(date.toString())
                        .setDegrees(r.degrees()).build();
                acks.add(producer.send(new ProducerRecord<>(topic, p, r.stationId(), ReportCodec.encode(report))));
                readings.add(r);
            }
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
            return List.of();
        }
        for (int i = 0; i < acks.size(); i++) {
            var meta = acks.get(i).get(30, TimeUnit.SECONDS);
            sent.add(new Sent(meta.partition(), meta.offset(), readings.get(i)));
        }
        return sent;
    }

    @Override
    public void close() {
        producer.close();
    }
}
