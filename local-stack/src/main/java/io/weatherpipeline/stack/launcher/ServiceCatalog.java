package io.weatherpipeline.stack.launcher;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;

/**
 * The one list of the pipeline's services: read by the launcher (which starts them in this order),
 * by {@code ./weather} (through {@code WeatherLauncher services}) and by the tests. Adding a service is
 * one entry here, its module, and its docker-compose.yml and README entries (a test checks both).
 */
public final class ServiceCatalog {

    /**
     * One service.
     *
     * @param name short name: log file, pid file, {@code ./weather logs NAME}
     * @param module Maven module holding {@code target/quarkus-app/quarkus-run.jar}
     * @param port its HTTP port under {@code ./weather up} (health, metrics, REST)
     * @param needs the servers it talks to; each gives it the environment that points it there
     * @param ownEnv service-specific environment (config keys in environment-variable form), from the
     *     stack's settings and the launcher's environment
     */
    public record Service(String name, String module, int port, Set<Server> needs,
            BiFunction<StackSettings, Map<String, String>, Map<String, String>> ownEnv) {

        public String healthUrl() {
            return "http://localhost:" + port + "/q/health/ready";
        }

        public String url() {
            return "http://localhost:" + port;
        }

        /** The environment that wires this service to {@code stack}, given the launcher's {@code env}. */
        public Map<String, String> environment(StackSettings stack, Map<String, String> env) {
            Map<String, String> all = new LinkedHashMap<>();
            if (needs.contains(Server.KAFKA)) {
                all.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
            }
            if (needs.contains(Server.MARIADB)) {
                all.put("QUARKUS_DATASOURCE_REACTIVE_URL", stack.mysqlReactiveUrl());
                all.put("QUARKUS_DATASOURCE_USERNAME", stack.user());
                all.put("QUARKUS_DATASOURCE_PASSWORD", stack.password());
            }
            if (env.containsKey(API_TOKEN_ENV)) {
                all.put(API_TOKEN_ENV, env.get(API_TOKEN_ENV));
            }
            all.putAll(ownEnv.apply(stack, env));
            all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            return all;
        }
    }

    /**
     * The write token (pipeline-common's {@code WriteToken}): every service gets the launcher's; those with
     * write endpoints (generator, windows, dashboard) then refuse writes without it. {@code ./weather up}
     * makes one when none is set.
     */
    public static final String API_TOKEN_ENV = "WEATHER_API_TOKEN";

    /** Every service, in start order. */
    public static final List<Service> ALL = List.of(
            new Service("generator", "generator-service", 8081, EnumSet.of(Server.MARIADB), none()),
            // The topic it creates gets as many replicas as Kafka's own topics (3 with WEATHER_KAFKA_BROKERS=3).
            new Service("producer", "producer-service", 8082, EnumSet.of(Server.MARIADB, Server.KAFKA),
                    (stack, env) -> Map.of("PRODUCER_REPLICATION", String.valueOf(stack.kafkaReplication()))),
            new Service("consumer", "consumer-service", 8083, EnumSet.of(Server.KAFKA, Server.HDFS),
                    (stack, env) -> Map.of(
                            "CONSUMER_HDFS_URI", stack.hdfsUri(),
                            "CONSUMER_PARTITIONS", env.getOrDefault("WEATHER_CONSUMER_PARTITIONS", "0,1,2,3"),
                            "CONSUMER_CHECKPOINT_DIR", stack.workDir().resolve("checkpoints").toString())),
            new Service("debug", "debug-service", 8084, EnumSet.of(Server.KAFKA), none()),
            new Service("stats", "stats-service", 8085, EnumSet.of(Server.KAFKA),
                    (stack, env) -> Map.of(
                            "STATS_PARTITIONS", env.getOrDefault("WEATHER_STATS_PARTITIONS", "0,1,2,3"),
                            "STATS_DIR", stack.workDir().resolve("stats").toString())),
            new Service("windows", "windows-service", 8087, EnumSet.of(Server.KAFKA, Server.HDFS),
                    (stack, env) -> Map.of(
                            "WINDOWS_HDFS_URI", stack.hdfsUri(),
                            "KAFKA_STREAMS_STATE_DIR", stack.workDir().resolve("windows-state").toString(),
                            // POST /sources adds stations through the generator.
                            "WINDOWS_GENERATOR_URL", named("generator").url())),
            new Service("alerts", "alerts-service", 8086, EnumSet.of(Server.MARIADB, Server.KAFKA), none()),
            // Last: it shows all the others, and asks MySQL and Kafka itself (newest readings, end offsets).
            new Service("dashboard", "dashboard-service", 8088, EnumSet.of(Server.MARIADB, Server.KAFKA),
                    (stack, env) -> dashboardEnv(stack)));

    private ServiceCatalog() {
    }

    /** The service called {@code name}. */
    public static Service named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no service '" + name + "'; the services are "
                        + ALL.stream().map(Service::name).toList()));
    }

    /**
     * Where the dashboard finds the other services (each one's {@link Service#url()}, for those the
     * catalog lists) and the NameNode's web port.
     */
    static Map<String, String> dashboardEnv(StackSettings stack) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of("generator", "producer", "consumer", "debug", "stats", "alerts", "windows")) {
            String key = name.equals("consumer") ? "DASHBOARD_CONSUMER_URLS"
                    : "DASHBOARD_" + name.toUpperCase(Locale.ROOT) + "_URL";
            ALL.stream().filter(s -> s.name().equals(name)).findFirst().ifPresent(s -> env.put(key, s.url()));
        }
        env.put("DASHBOARD_NAMENODE_URL", "http://localhost:" + stack.nameNodeHttpPort());
        return env;
    }

    private static BiFunction<StackSettings, Map<String, String>, Map<String, String>> none() {
        return (stack, env) -> Map.of();
    }
}
