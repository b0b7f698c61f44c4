package io.weatherpipeline.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.testsupport.ServiceProcess;

/** The packaged producer run as its own process, the way ./weather and compose run it. */
final class ProducerProcess {

    private static final Pattern WATERMARK = Pattern.compile("\"last_sent_row_id\"\\s*:\\s*(-?\\d+)");

    private final ServiceProcess process;

    private ProducerProcess(ServiceProcess process) {
        this.process = process;
    }

    static ProducerProcess start(String name, StackSettings mysql, String kafkaBootstrap, Path workDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", mysql.mysqlReactiveUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", mysql.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", mysql.password());
        return new ProducerProcess(ServiceProcess.start(name, env, workDir));
    }

    /** Waits until the HTTP server answers (the app has started). */
    void awaitStarted(long timeoutMillis) throws InterruptedException {
        process.awaitStarted(Duration.ofMillis(timeoutMillis));
    }

    /** The last row id the running producer has committed to Kafka (-1 while it recovers or cannot answer). */
    long watermark() {
        Matcher m = WATERMARK.matcher(readiness());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    String readiness() {
        return process.body("/q/health/ready");
    }

    int status(String path) {
        return process.status(path);
    }

    String log() {
        return process.log();
    }

    void kill9() {
        process.kill9();
    }

    void stop() {
        process.stop();
    }
}
