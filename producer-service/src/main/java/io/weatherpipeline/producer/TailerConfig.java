package io.weatherpipeline.producer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the MySQL → Kafka tailer, under {@code producer.*} (env {@code PRODUCER_*}). */
@ConfigMapping(prefix = "producer")
public interface TailerConfig {

    /** Topic the readings go to. */
    @WithDefault("temperatures")
    String topic();

    /** Partitions of the topic when it is created; an existing topic with another count stops the start. */
    @WithDefault("4")
    int partitions();

    /** Replication of the topic when created (1 locally; 3 in production). */
    @WithDefault("1")
    short replication();

    /**
     * Delete and recreate the topic at start, as the producer of the original course design did.
     * Throws data away: off unless asked.
     */
    @WithDefault("false")
    boolean reset();

    /** Time between polls of the table. */
    @WithDefault("100ms")
    Duration interval();

    /** Most rows read per poll; they are sent in one Kafka transaction. */
    @WithDefault("50000")
    int batchSize();

    /** How long a missing id (an uncommitted or rolled-back insert) may hold the stream. */
    @WithDefault("10s")
    Duration gapGrace();

    /** Where rows that cannot be encoded go, with the reason. */
    @WithDefault("temperatures-dlq")
    String deadLetterTopic();

    /** Lowest plausible temperature; a row below it goes to the dead-letter topic. */
    @WithDefault("-100")
    double minDegrees();

    /** Highest plausible temperature; a row above it goes to the dead-letter topic. */
    @WithDefault("100")
    double maxDegrees();
}
