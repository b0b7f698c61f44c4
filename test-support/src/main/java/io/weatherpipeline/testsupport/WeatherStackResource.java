package io.weatherpipeline.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;

/**
 * Starts the real servers a {@code @QuarkusTest} needs (Kafka, MariaDB, HDFS) on free loopback ports
 * and hands their addresses to the application under test.
 *
 * <pre>
 * &#64;QuarkusTestResource(value = WeatherStackResource.class,
 *         initArgs = &#64;ResourceArg(name = WeatherStackResource.SERVERS, value = "kafka,mariadb"))
 * </pre>
 *
 * <p>The servers are shared by every test class of the JVM (see {@link SharedStack}) and stop when
 * it exits, so {@link #stop()} leaves them running for the next test class.
 *
 * <p>Keys set: {@code kafka.bootstrap.servers}; {@code quarkus.datasource.reactive.url},
 * {@code quarkus.datasource.username}, {@code quarkus.datasource.password}; and the neutral
 * {@code weather.stack.hdfs-uri}, {@code weather.stack.hdfs-local-dir} (a local directory wiped together
 * with the HDFS data, for checkpoints), {@code weather.stack.kafka-bootstrap-servers} that a service's
 * {@code %test} profile maps onto its own keys.
 */
public class WeatherStackResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: which servers to start, e.g. {@code kafka,mariadb,hdfs} (the default). */
    public static final String SERVERS = "servers";

    private Set<Server> servers = Set.of(Server.values());

    @Override
    public void init(Map<String, String> initArgs) {
        String list = initArgs.get(SERVERS);
        if (list != null) {
            servers = StackSettings.parseServers(list);
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        for (Server server : servers) {
            StackSettings s = SharedStack.ensure(server).settings();
            switch (server) {
                case KAFKA -> {
                    config.put("kafka.bootstrap.servers", s.kafkaBootstrapServers());
                    config.put("weather.stack.kafka-bootstrap-servers", s.kafkaBootstrapServers());
                }
                case MARIADB -> {
                    config.put("quarkus.datasource.reactive.url", s.mysqlReactiveUrl());
                    config.put("quarkus.datasource.username", s.user());
                    config.put("quarkus.datasource.password", s.password());
                }
                case HDFS -> {
                    config.put("weather.stack.hdfs-uri", s.hdfsUri());
                    // Local state that belongs with this HDFS: wiped with it at first use.
                    config.put("weather.stack.hdfs-local-dir", s.workDir().resolve("hdfs").resolve("local").toString());
                }
            }
        }
        return config;
    }

    @Override
    public void stop() {
        // Shared with later test classes; SharedStack stops the servers when the JVM exits.
    }
}
