package io.weatherpipeline.windows;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the windows service, under {@code windows.*} (env {@code WINDOWS_*}). Kafka Streams' own
 * settings are under {@code kafka-streams.*} and {@code quarkus.kafka-streams.*} (see application.properties).
 */
@ConfigMapping(prefix = "windows")
public interface WindowsConfig {

    /** The topic read: key = station, value = protobuf Report. */
    @WithDefault("temperatures")
    String topic();

    /** Length of the tumbling windows, on the records' timestamps. */
    @WithDefault("2m")
    Duration size();

    /** How long after its end a window still takes readings (in stream time) before it closes. */
    @WithDefault("5s")
    Duration grace();

    /** How long closed windows stay in the state store for the API; older ones are read from their HDFS files. */
    @WithDefault("7d")
    Duration retention();

    /** The host other instances reach this one's HTTP port at (the host part of {@code application.server}). */
    @WithDefault("localhost")
    String advertisedHost();

    /** generator-service, which {@code POST /sources} asks to add a station. */
    @WithDefault("http://localhost:8081")
    String generatorUrl();

    /** How often closed windows are looked for and written to HDFS. */
    @WithDefault("1s")
    Duration writeInterval();

    Hdfs hdfs();

    /** Where the window files go. */
    interface Hdfs {

        /** The NameNode. */
        @WithDefault("hdfs://localhost:9000")
        String uri();

        /** Directory of the {@code window-<id>.json} files. */
        @WithDefault("/windows")
        String dir();
    }
}
