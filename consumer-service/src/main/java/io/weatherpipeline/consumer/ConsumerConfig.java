package io.weatherpipeline.consumer;

import io.smallrye.config.ConfigMapping;

/** Settings of the consumer service, under {@code consumer.*} (env {@code CONSUMER_*}). */
@ConfigMapping(prefix = "consumer")
public interface ConsumerConfig {

    /** HDFS settings. */
    Hdfs hdfs();

    /** HDFS settings. */
    interface Hdfs {
        /** NameNode URI, e.g. {@code hdfs://localhost:9000}. */
        String uri();
    }
}
