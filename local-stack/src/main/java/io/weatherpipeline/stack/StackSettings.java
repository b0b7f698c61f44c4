package io.weatherpipeline.stack;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the local stack keeps its data and which loopback ports its servers listen on.
 *
 * @param workDir data, logs and pid files of every server live below it
 * @param servers which servers to start
 * @param kafkaPort the first broker's client listener (the others every second port above it)
 * @param kafkaControllerPort the first broker's KRaft controller listener (likewise)
 * @param mysqlPort MariaDB's TCP port
 * @param nameNodePort NameNode RPC port, the port in {@code fs.defaultFS}
 * @param nameNodeHttpPort NameNode web UI and JMX port
 * @param dataNodes how many DataNodes to start (also the default replication, at most 3)
 * @param database database created for the pipeline
 * @param user MariaDB user with all rights on {@code database}
 * @param password that user's password
 * @param kafkaBrokers how many Kafka brokers (each broker and controller in one process): 1, or 3
 *     for a production shape with replication 3 and {@code min.insync.replicas} 2
 */
public record StackSettings(Path workDir, Set<Server> servers, int kafkaPort, int kafkaControllerPort,
        int mysqlPort, int nameNodePort, int nameNodeHttpPort, int dataNodes, String database, String user,
        String password, int kafkaBrokers) {

    /** The servers the stack can start. */
    public enum Server {
        KAFKA, MARIADB, HDFS
    }

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_MYSQL_PORT = 3306;
    public static final int DEFAULT_NAMENODE_PORT = 9000;
    public static final int DEFAULT_NAMENODE_HTTP_PORT = 9870;
    public static final int DEFAULT_DATANODES = 3;

    /** One Kafka broker: the settings as they were before the cluster option. */
    public StackSettings(Path workDir, Set<Server> servers, int kafkaPort, int kafkaControllerPort, int mysqlPort,
            int nameNodePort, int nameNodeHttpPort, int dataNodes, String database, String user, String password) {
        this(workDir, servers, kafkaPort, kafkaControllerPort, mysqlPort, nameNodePort, nameNodeHttpPort, dataNodes,
                database, user, password, 1);
    }

    public StackSettings {
        if (kafkaBrokers < 1 || kafkaBrokers > 5) {
            throw new IllegalArgumentException("kafka brokers must be between 1 and 5, was " + kafkaBrokers);
        }
        requirePort("kafka port", kafkaPort + 2 * (kafkaBrokers - 1));
        requirePort("kafka controller port", kafkaControllerPort + 2 * (kafkaBrokers - 1));
        requirePort("kafka port", kafkaPort);
        requirePort("kafka controller port", kafkaControllerPort);
        requirePort("mysql port", mysqlPort);
        requirePort("namenode port", nameNodePort);
        requirePort("namenode http port", nameNodeHttpPort);
        if (dataNodes < 1 || dataNodes > 9) {
            throw new IllegalArgumentException("datanodes must be between 1 and 9, was " + dataNodes);
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no server selected");
        }
        for (String[] field : new String[][] {{"database", database}, {"user", user}}) {
            if (field[1] == null || !field[1].matches("[A-Za-z0-9_]{1,64}")) {
                throw new IllegalArgumentException(field[0] + " must be 1-64 letters, digits or _, was '" + field[1] + "'");
            }
        }
        if (password == null || password.isEmpty() || password.contains("'") || password.contains("\\")) {
            throw new IllegalArgumentException("password must be non-empty and contain no quote or backslash");
        }
        servers = Set.copyOf(servers);
    }

    /** The defaults of the README, below {@code workDir}. */
    public static StackSettings defaults(Path workDir) {
        return new StackSettings(workDir, EnumSet.allOf(Server.class), DEFAULT_KAFKA_PORT,
                DEFAULT_KAFKA_CONTROLLER_PORT, DEFAULT_MYSQL_PORT, DEFAULT_NAMENODE_PORT,
                DEFAULT_NAMENODE_HTTP_PORT, DEFAULT_DATANODES, "weather", "weather", "weather", 1);
    }

    /**
     * Reads settings from environment variables ({@code WEATHER_KAFKA_PORT}, ...), falling back to
     * the defaults. A value that is not a number names the variable in the error.
     */
    public static StackSettings fromEnvironment(Path workDir, Map<String, String> env) {
        StackSettings d = defaults(workDir);
        return new StackSettings(workDir, parseServers(env.getOrDefault("WEATHER_SERVERS", "kafka,mariadb,hdfs")),
                intVar(env, "WEATHER_KAFKA_PORT", d.kafkaPort),
                intVar(env, "WEATHER_KAFKA_CONTROLLER_PORT", d.kafkaControllerPort),
                intVar(env, "WEATHER_MYSQL_PORT", d.mysqlPort),
                intVar(env, "WEATHER_NAMENODE_PORT", d.nameNodePort),
                intVar(env, "WEATHER_NAMENODE_HTTP_PORT", d.nameNodeHttpPort),
                intVar(env, "WEATHER_DATANODES", d.dataNodes),
                env.getOrDefault("WEATHER_MYSQL_DATABASE", d.database),
                env.getOrDefault("WEATHER_MYSQL_USER", d.user),
                env.getOrDefault("WEATHER_MYSQL_PASSWORD", d.password),
                intVar(env, "WEATHER_KAFKA_BROKERS", d.kafkaBrokers));
    }

    /** Parses a list such as {@code kafka,mariadb} (also accepts {@code mysql} for MariaDB). */
    public static Set<Server> parseServers(String list) {
        EnumSet<Server> set = EnumSet.noneOf(Server.class);
        for (String raw : list.split("[,\\s]+")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            switch (name) {
                case "kafka" -> set.add(Server.KAFKA);
                case "mariadb", "mysql" -> set.add(Server.MARIADB);
                case "hdfs" -> set.add(Server.HDFS);
                default -> throw new IllegalArgumentException(
                        "unknown server '" + raw + "' (expected kafka, mariadb or hdfs)");
            }
        }
        return set;
    }

    public boolean runs(Server server) {
        return servers.contains(server);
    }

    /** Every broker's client address, comma-separated. */
    public String kafkaBootstrapServers() {
        StringBuilder out = new StringBuilder();
        for (int node = 0; node < kafkaBrokers; node++) {
            out.append(node == 0 ? "" : ",").append("localhost:").append(kafkaBrokerPort(node));
        }
        return out.toString();
    }

    /** Client port of broker {@code node} (0-based): {@code kafkaPort}, then every second port above it. */
    public int kafkaBrokerPort(int node) {
        return kafkaPort + 2 * node;
    }

    /** Controller port of broker {@code node} (0-based): {@code kafkaControllerPort}, then every second port above it. */
    public int kafkaControllerPort(int node) {
        return kafkaControllerPort + 2 * node;
    }

    /** Replicas of every topic and of Kafka's internal topics: min(3, brokers). */
    public int kafkaReplication() {
        return Math.min(3, kafkaBrokers);
    }

    /** The Vert.x reactive client URL, as {@code quarkus.datasource.reactive.url} takes it. */
    public String mysqlReactiveUrl() {
        return "mysql://localhost:" + mysqlPort + "/" + database;
    }

    public String hdfsUri() {
        return "hdfs://localhost:" + nameNodePort;
    }

    public Path logDir() {
        return workDir.resolve("logs");
    }

    public Path pidDir() {
        return workDir.resolve("pids");
    }

    private static void requirePort(String what, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be between 1 and 65535, was " + port);
        }
    }

    private static int intVar(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
