package io.weatherpipeline.dashboard;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard's settings: where the other components answer, and how often and how long to ask them. */
@ConfigMapping(prefix = "dashboard")
public interface DashboardConfig {

    @WithDefault("http://localhost:8081")
    String generatorUrl();

    @WithDefault("http://localhost:8082")
    String producerUrl();

    /** One per consumer instance (compose runs four, one per partition). */
    @WithDefault("http://localhost:8083")
    List<String> consumerUrls();

    @WithDefault("http://localhost:8084")
    String debugUrl();

    @WithDefault("http://localhost:8085")
    String statsUrl();

    @WithDefault("http://localhost:8086")
    String alertsUrl();

    @WithDefault("http://localhost:8087")
    String windowsUrl();

    /** The HDFS NameNode's web port (its JMX JSON says how many DataNodes live). */
    @WithDefault("http://localhost:9870")
    String namenodeUrl();

    /** The topic whose end offsets give the consumers' lag. */
    @WithDefault("temperatures")
    String topic();

    /** How often every component is asked again (and the page told). */
    @WithDefault("1s")
    Duration refresh();

    /** Longest wait for one answer; a component slower than this is shown as not answering. */
    @WithDefault("1500ms")
    Duration timeout();

    /** Days of each station's chart. */
    @WithDefault("30")
    int recentDays();

    /** Alerts in the table. */
    @WithDefault("15")
    int alertsLimit();

    /** Closed windows in the chart. */
    @WithDefault("10")
    int windowsLast();

    /** How far back the throughput chart goes. */
    @WithDefault("5m")
    Duration throughputSpan();
}
