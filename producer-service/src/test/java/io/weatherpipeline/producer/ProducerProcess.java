package io.weatherpipeline.producer;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;

/** The packaged producer run as its own process, the way ./weather and compose run it. */
final class ProducerProcess {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final Pattern WATERMARK = Pattern.compile("\"last_sent_row_id\"\\s*:\\s*(-?\\d+)");

    private final ManagedProcess process;
    private final int port;

    private ProducerProcess(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static ProducerProcess start(String name, StackSettings mysql, String kafkaBootstrap, Path workDir) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the ITs with ./mvnw verify (after package)");
        }
        int port = Ports.free();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", mysql.mysqlReactiveUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", mysql.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", mysql.password());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Files.createDirectories(workDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ManagedProcess p = ManagedProcess.start(name, List.of(java, "-Xmx256m", "-jar", JAR.toString()), env,
                workDir, workDir.resolve(name + ".log"), workDir.resolve("pids"));
        return new ProducerProcess(p, port);
    }

    /** Waits until the HTTP server answers (the app has started). */
    void awaitStarted(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (status("/q/health/live") != 200) {
            if (!process.isAlive()) {
                throw new IllegalStateException("producer exited; see " + process.logFile());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("producer not started in " + timeoutMillis + " ms; see " + process.logFile());
            }
            Thread.sleep(100);
        }
    }

    /** The last row id the running producer has committed to Kafka (-1 while it recovers or cannot answer). */
    long watermark() {
        Matcher m = WATERMARK.matcher(body("/q/health/ready"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    String readiness() {
        return body("/q/health/ready");
    }

    int status(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private String body(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            var in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "";
        }
    }

    String log() throws Exception {
        return Files.readString(process.logFile());
    }

    void kill9() {
        process.kill();
    }

    void stop() {
        process.stop(20);
    }
}
