package io.weatherpipeline.stats;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * The Kafka entry point: each poll's records (read_committed, {@code batch=true}) are counted by the
 * {@link StatsWriter}. Blocking, on a worker thread, one poll at a time (a file may be written at the
 * end of a poll); the channel fetches the next poll meanwhile.
 */
@ApplicationScoped
public class StatsConsumer {

    /** The incoming channel, configured under {@code mp.messaging.incoming.temperatures.*}. */
    public static final String CHANNEL = "temperatures";

    private final StatsWriter writer;

    StatsConsumer(StatsWriter writer) {
        this.writer = writer;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        writer.apply(records);
    }
}
