package io.weatherpipeline.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.weatherpipeline.consumer.writer.PendingPolls;

/**
 * The Kafka entry point: each poll's records (read_committed, {@code batch=true}) are handed to the
 * writers of their partitions through {@link PendingPolls}. Blocking, on a worker thread, one poll at
 * a time: while the writers are busy (an HDFS write, an outage) the queue fills, this method waits, and
 * the channel stops fetching (back-pressure); nothing is dropped.
 */
@ApplicationScoped
public class BatchConsumer {

    /** The incoming channel, configured under {@code mp.messaging.incoming.temperatures.*}. */
    public static final String CHANNEL = "temperatures";

    private final PendingPolls pending;

    BatchConsumer(PendingPolls pending) {
        this.pending = pending;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        pending.put(records);
    }
}
