package io.weatherpipeline.consumer;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.weatherpipeline.consumer.writer.FlushPolicy;

/** Settings of the consumer service, under {@code consumer.*} (env {@code CONSUMER_*}). */
@ConfigMapping(prefix = "consumer")
public interface ConsumerConfig {

    /** The partitions this instance owns: {@code 0}, {@code 0,2} or {@code 0 1 2 3}. */
    String partitions();

    /** The topic read. */
    @WithDefault("temperatures")
    String topic();

    /** Where {@code partition-N.json} checkpoints are kept (local disk; a volume in containers). */
    @WithDefault("checkpoints")
    String checkpointDir();

    /** Where poison records (values that are not a Report) go, with the reason. */
    @WithDefault("temperatures-consumer-dlq")
    String deadLetterTopic();

    /** How long claimed partitions may stay unassigned (another live consumer holds them) before that is fatal. */
    @WithDefault("30s")
    Duration claimTimeout();

    /** Stop the process on an error that needs a person (a partition held elsewhere, inconsistent files). */
    @WithDefault("true")
    boolean exitOnFatal();

    Hdfs hdfs();

    Flush flush();

    FaultInjection faultInjection();

    /** HDFS settings. */
    interface Hdfs {
        /** NameNode URI, e.g. {@code hdfs://localhost:9000}. */
        String uri();

        /** Directory of the batch files. */
        @WithDefault("/data")
        String dataDir();

        /** Replication of the batch files; empty for the cluster's default. */
        Optional<Short> replication();
    }

    /** When buffered records become a file (see {@link FlushPolicy}). */
    interface Flush {
        /** One file per poll, as the original course design wrote them (many small files). */
        @WithDefault("false")
        boolean everyPoll();

        /** Records per file at most. */
        @WithDefault("50000")
        int maxRecords();

        /** A buffer older than this is written even if no record arrives. */
        @WithDefault("10s")
        Duration maxAge();
    }

    /** For crash tests: stop (and wait to be killed) at one step of one batch. Never set in production. */
    interface FaultInjection {
        /** {@code during-write}, {@code after-rename} or {@code after-checkpoint}. */
        Optional<String> pauseAt();

        /** Which batch id of any partition pauses. */
        @WithDefault("1")
        long pauseAtBatch();
    }
}
