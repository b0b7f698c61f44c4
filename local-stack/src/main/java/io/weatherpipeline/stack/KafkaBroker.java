package io.weatherpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One Kafka node in KRaft mode (broker and controller in one process), as its own JVM, one of
 * {@link StackSettings#kafkaBrokers()} that form a {@link KafkaCluster}. Storage is formatted once with
 * the cluster's id; later starts find the same log directory and the same topics.
 */
final class KafkaBroker {

    private final StackSettings settings;
    private final int node;
    private final String name;
    private final Path dir;
    private ManagedProcess process;

    /**
     * @param node 0-based; its node.id is {@code node + 1}
     */
    KafkaBroker(StackSettings settings, int node) {
        this.settings = settings;
        this.node = node;
        // One broker keeps the names it always had: ./weather logs kafka, .weather/kafka/.
        this.name = settings.kafkaBrokers() == 1 ? "kafka" : "kafka-" + (node + 1);
        this.dir = settings.workDir().resolve(name);
    }

    String name() {
        return name;
    }

    /** Formats the storage if it is new (with {@code clusterId}) and starts the process; does not wait. */
    void start(String clusterId) {
        Ports.requireFree(settings.kafkaBrokerPort(node), "Kafka broker " + name);
        Ports.requireFree(settings.kafkaControllerPort(node), "Kafka controller " + name);
        Path config = writeConfig();
        Path log4j = ServerClasspath.log4jConfig(dir);
        Path log = settings.logDir().resolve(name + ".log");
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            OneShot.run("Formatting Kafka storage in " + dir.resolve("data"),
                    ServerClasspath.javaCommand(List.of("-Xmx256m"), null, "kafka.tools.StorageTool",
                            List.of("format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"), log4j),
                    log, 120);
        }
        process = ManagedProcess.start(name,
                ServerClasspath.javaCommand(List.of("-Xms128m", "-Xmx512m"), null, "kafka.Kafka",
                        List.of(config.toString()), log4j),
                Map.of(), dir, log, settings.pidDir());
    }

    /** The cluster id its storage was formatted with, or null when it was never formatted. */
    String formattedClusterId() {
        Path meta = dir.resolve("data").resolve("meta.properties");
        if (!Files.exists(meta)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(meta)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + meta, e);
        }
        return p.getProperty("cluster.id");
    }

    ManagedProcess process() {
        return process;
    }

    void stop() {
        if (process != null) {
            process.stop(30);
        }
    }

    /** SIGKILL: a broker lost without warning (fault tests). */
    void kill() {
        if (process != null) {
            process.kill();
        }
    }

    private Path writeConfig() {
        String host = "localhost";
        int replication = settings.kafkaReplication();
        String minIsr = String.valueOf(replication == 1 ? 1 : replication - 1);
        StringBuilder voters = new StringBuilder();
        for (int n = 0; n < settings.kafkaBrokers(); n++) {
            voters.append(n == 0 ? "" : ",").append(n + 1).append('@').append(host).append(':')
                    .append(settings.kafkaControllerPort(n));
        }
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(node + 1));
        p.setProperty("controller.quorum.voters", voters.toString());
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + settings.kafkaBrokerPort(node)
                + ",CONTROLLER://" + host + ":" + settings.kafkaControllerPort(node));
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + settings.kafkaBrokerPort(node));
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        // Kafka's internal topics as the data: min(3, brokers) replicas, and with more than one, a write is
        // acknowledged once all but one have it, so one broker may be lost.
        p.setProperty("offsets.topic.replication.factor", String.valueOf(replication));
        p.setProperty("transaction.state.log.replication.factor", String.valueOf(replication));
        p.setProperty("transaction.state.log.min.isr", minIsr);
        p.setProperty("share.coordinator.state.topic.replication.factor", String.valueOf(replication));
        p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
        p.setProperty("default.replication.factor", String.valueOf(replication));
        p.setProperty("min.insync.replicas", minIsr);
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
}
