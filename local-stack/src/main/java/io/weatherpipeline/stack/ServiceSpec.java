package io.weatherpipeline.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the pipeline's Quarkus services as the launcher runs it: the module it is built in, its
 * HTTP port, and the environment variables that point it at the local stack.
 *
 * @param name service name, also the name of its log file and pid file
 * @param module Maven module holding {@code target/quarkus-app/quarkus-run.jar}
 * @param httpPort where {@code /q/health} answers
 * @param env environment for the service (config keys in their environment-variable form)
 */
public record ServiceSpec(String name, String module, int httpPort, Map<String, String> env) {

    public static final int GENERATOR_PORT = 8081;
    public static final int PRODUCER_PORT = 8082;
    public static final int CONSUMER_PORT = 8083;
    public static final int DEBUG_PORT = 8084;

    /** The four services, wired to {@code stack}, consumer owning {@code consumerPartitions}. */
    public static List<ServiceSpec> pipeline(StackSettings stack, String consumerPartitions) {
        Map<String, String> kafka = Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        Map<String, String> mysql = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", stack.mysqlReactiveUrl(),
                "QUARKUS_DATASOURCE_USERNAME", stack.user(),
                "QUARKUS_DATASOURCE_PASSWORD", stack.password());
        return List.of(
                new ServiceSpec("generator", "generator-service", GENERATOR_PORT, merge(mysql)),
                new ServiceSpec("producer", "producer-service", PRODUCER_PORT, merge(mysql, kafka)),
                new ServiceSpec("consumer", "consumer-service", CONSUMER_PORT, merge(kafka, Map.of(
                        "CONSUMER_HDFS_URI", stack.hdfsUri(),
                        "CONSUMER_PARTITIONS", consumerPartitions,
                        "CONSUMER_CHECKPOINT_DIR", stack.workDir().resolve("checkpoints").toAbsolutePath().toString()))),
                new ServiceSpec("debug", "debug-service", DEBUG_PORT, merge(kafka)));
    }

    public String healthUrl() {
        return "http://localhost:" + httpPort + "/q/health/ready";
    }

    @SafeVarargs
    private static Map<String, String> merge(Map<String, String>... parts) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map<String, String> part : parts) {
            all.putAll(part);
        }
        return all;
    }
}
