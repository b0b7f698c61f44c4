package io.weatherpipeline.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * The Kafka entry point: each poll's records (read_committed, {@code batch=true}) go to the writers
 * of their partitions. Blocking, on a worker thread, one poll at a time: HDFS writes are blocking IO,
 * and while a write waits for HDFS the channel stops fetching (back-pressure), it does not drop.
 */
@ApplicationScoped
public class BatchConsumer {

    /** The incoming channel, configured under {@code mp.messaging.incoming.temperatures.*}. */
    public static final String CHANNEL = "temperatures";

    private final PartitionWriters writers;

    BatchConsumer(PartitionWriters writers) {
        this.writers = writers;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            writers.write(tp.partition(), records.records(tp));
        }
    }
}
