package io.weatherpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single Kafka broker in KRaft mode (broker and controller in one process), as its own JVM.
 * Storage is formatted once; later starts find the same log directory and the same topics.
 */
final class KafkaBroker extends SingleProcessServer {

    private final StackSettings settings;
    private final Path dir;

    KafkaBroker(StackSettings settings) {
        this.settings = settings;
        this.dir = settings.workDir().resolve("kafka");
    }

    @Override
    public void start() {
        Ports.requireFree(settings.kafkaPort(), "Kafka broker");
        Ports.requireFree(settings.kafkaControllerPort(), "Kafka controller");
        Path config = writeConfig();
        Path log4j = ServerClasspath.log4jConfig(dir);
        Path log = settings.logDir().resolve("kafka.log");
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            OneShot.run("Formatting Kafka storage in " + dir.resolve("data"),
                    ServerClasspath.javaCommand(List.of("-Xmx256m"), null, "kafka.tools.StorageTool",
                            List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
                                    "--ignore-formatted"), log4j),
                    log, 120);
        }
        process = ManagedProcess.start("kafka",
                ServerClasspath.javaCommand(List.of("-Xms128m", "-Xmx512m"), null, "kafka.Kafka",
                        List.of(config.toString()), log4j),
                Map.of(), dir, log, settings.pidDir());
        Readiness.await(process, "a broker metadata answer on " + settings.kafkaBootstrapServers(),
                Duration.ofSeconds(90), this::metadataProblem);
    }

    private String metadataProblem() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(p)) {
            int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            return nodes > 0 ? null : "no broker in the cluster metadata";
        } catch (Exception e) {
            return "metadata request failed: " + e.getMessage();
        }
    }

    private Path writeConfig() {
        String host = "localhost";
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + host + ":" + settings.kafkaControllerPort());
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + settings.kafkaPort()
                + ",CONTROLLER://" + host + ":" + settings.kafkaControllerPort());
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + settings.kafkaPort());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        // One broker: every internal topic has one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        // Topics are created explicitly by the producer, with the partition count it is configured for.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Lets crash tests give consumers short sessions, so a kill -9'd member leaves the group in seconds.
        p.setProperty("group.min.session.timeout.ms", "1000");
        p.setProperty("num.partitions", "4");
        Path file = dir.resolve("server.properties");
        try {
            Files.createDirectories(dir.resolve("data"));
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, "Written by the weather-pipeline local stack at every start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    @Override
    public String endpoint() {
        return "Kafka      bootstrap.servers=" + settings.kafkaBootstrapServers();
    }
}
