package io.weatherpipeline.composecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.weatherpipeline.composecheck.ComposeFile.HostPort;
import io.weatherpipeline.composecheck.ComposeFile.Service;

/** The structure of docker-compose.yml: builds, health, start order, ports, partitions, volumes. */
class ComposeFileTest {

    private final ComposeFile compose = Checkout.compose();

    @ParameterizedTest(name = "QUARKUS_MODE={0}")
    @ValueSource(strings = { "jvm", "native" })
    void everyBuiltServiceHasAnExistingModuleAndDockerfile(String mode) {
        ComposeFile c = Checkout.compose(Map.of("QUARKUS_MODE", mode));
        assertFalse(c.built().isEmpty(), "docker-compose.yml builds none of our services");
        for (Service s : c.built()) {
            assertTrue(Files.isRegularFile(s.context().resolve("pom.xml")),
                    s.name() + ": build context " + s.context() + " is not a Maven module of this checkout");
            assertTrue(Files.isRegularFile(s.dockerfile()), s.name() + ": Dockerfile " + s.dockerfile() + " does not exist");
        }
    }

    @Test
    void consumersRunOnTheJvmEvenWhenTheOthersGoNative() {
        for (Service s : Checkout.compose(Map.of("QUARKUS_MODE", "native")).built()) {
            if (s.module().equals("consumer-service")) {
                assertEquals("Dockerfile.jvm", s.dockerfile().getFileName().toString(),
                        s.name() + " must not follow QUARKUS_MODE: the Hadoop client is not native-ready");
            }
        }
    }

    @Test
    void everyServiceHasAHealthCheck() {
        for (Service s : compose.services()) {
            Map<String, Object> health = s.healthcheck();
            Object test = health.get("test");
            assertNotNull(test, s.name() + " has no healthcheck test");
            assertFalse(Boolean.TRUE.equals(health.get("disable")) || String.valueOf(test).contains("NONE"),
                    s.name() + " disables its healthcheck");
            if (s.isBuilt()) {
                assertTrue(String.valueOf(test).contains("/q/health/ready"),
                        s.name() + "'s healthcheck should ask /q/health/ready, is: " + test);
            }
        }
    }

    @Test
    void servicesWaitForHealthyDependencies() {
        for (Service s : compose.services()) {
            s.dependsOn().forEach((dependency, condition) -> {
                assertEquals("service_healthy", condition,
                        s.name() + " should wait for " + dependency + " with condition: service_healthy");
                assertFalse(compose.service(dependency).healthcheck().isEmpty(),
                        s.name() + " waits for " + dependency + " to be healthy, which has no healthcheck");
            });
            if (s.isBuilt()) {
                assertFalse(s.dependsOn().isEmpty(), s.name() + " starts without waiting for the servers it needs");
            }
        }
    }

    @Test
    void hostPortsDoNotClash() {
        List<HostPort> ports = compose.services().stream().flatMap(s -> s.publishedPorts().stream()).toList();
        assertFalse(ports.isEmpty(), "no port is published on the host");
        for (int i = 0; i < ports.size(); i++) {
            for (int j = i + 1; j < ports.size(); j++) {
                HostPort a = ports.get(i);
                HostPort b = ports.get(j);
                assertFalse(a.clashesWith(b), "host port " + a.port() + "/" + a.protocol() + " is published by both "
                        + a.service() + " and " + b.service());
            }
        }
    }

    @Test
    void fourConsumersOwnPartitionsZeroToThreeOnceEach() {
        Map<Integer, String> owners = new TreeMap<>();
        List<Service> consumers = compose.built().stream().filter(s -> s.module().equals("consumer-service")).toList();
        assertEquals(4, consumers.size(), "consumer services: " + consumers.stream().map(Service::name).toList());
        for (Service s : consumers) {
            String partitions = s.environment().get("CONSUMER_PARTITIONS");
            assertNotNull(partitions, s.name() + " does not set CONSUMER_PARTITIONS");
            for (String p : partitions.trim().split("[,\\s]+")) {
                String earlier = owners.put(Integer.parseInt(p), s.name());
                assertEquals(null, earlier, "partition " + p + " is owned by both " + earlier + " and " + s.name());
            }
        }
        assertEquals(List.of(0, 1, 2, 3), List.copyOf(owners.keySet()), "partitions owned: " + owners);

        Service producer = compose.built().stream().filter(s -> s.module().equals("producer-service")).findFirst()
                .orElseThrow(() -> new AssertionError("no producer-service in docker-compose.yml"));
        String topicPartitions = producer.environment().get("PRODUCER_PARTITIONS");
        if (topicPartitions == null) {
            topicPartitions = properties(producer.context()).getProperty("producer.partitions");
        }
        assertEquals(String.valueOf(owners.size()), topicPartitions,
                "the producer creates the topic with another partition count than the consumers own");
    }

    @Test
    void dataLivesInNamedVolumes() {
        List<String> declared = compose.namedVolumes();
        for (Service s : compose.services()) {
            s.mounts().forEach((target, source) -> {
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertTrue(declared.contains(source), s.name() + " mounts volume " + source + ", not declared under volumes:");
                }
            });
        }
        assertNamedVolumeCovers(server("mysql:"), "/var/lib/mysql");
        Service kafka = server("apache/kafka:");
        assertNamedVolumeCovers(kafka, kafka.environment().get("KAFKA_LOG_DIRS"));

        Service nameNode = nameNode();
        assertNamedVolumeCovers(nameNode, nameNode.environment().get("HDFS-SITE.XML_dfs.namenode.name.dir"));
        List<String> dataNodeVolumes = new ArrayList<>();
        for (Service d : dataNodes()) {
            dataNodeVolumes.add(assertNamedVolumeCovers(d, d.environment().get("HDFS-SITE.XML_dfs.datanode.data.dir")));
        }
        assertEquals(dataNodeVolumes.size(), dataNodeVolumes.stream().distinct().count(),
                "DataNodes share a volume: " + dataNodeVolumes);

        for (Service c : compose.built()) {
            if (c.module().equals("consumer-service")) {
                assertNamedVolumeCovers(c, c.environment().get("CONSUMER_CHECKPOINT_DIR"));
            }
        }
    }

    @Test
    void hdfsIsTheNameNodeBossWithThreeDataNodes() {
        Service nameNode = nameNode();
        List<String> names = new ArrayList<>(List.of(nameNode.name()));
        ComposeFile.asMap(nameNode.spec().get("networks"), "networks").values().forEach(network -> names.addAll(
                ComposeFile.asList(ComposeFile.asMap(network, "network").get("aliases"), "aliases").stream()
                        .map(String::valueOf).toList()));
        assertTrue(names.contains("boss"), nameNode.name() + " is not reachable as boss: its names are " + names);
        assertEquals("boss", nameNode.spec().get("hostname"), "the NameNode's own host name");
        assertEquals("hdfs://boss:9000", nameNode.environment().get("CORE-SITE.XML_fs.defaultFS"));
        assertEquals(3, dataNodes().size(), "DataNodes");
        for (Service d : dataNodes()) {
            assertEquals("hdfs://boss:9000", d.environment().get("CORE-SITE.XML_fs.defaultFS"), d.name());
        }
        for (Service c : compose.built()) {
            if (c.module().equals("consumer-service")) {
                assertEquals("hdfs://boss:9000", c.environment().get("CONSUMER_HDFS_URI"), c.name());
            }
        }
    }

    @Test
    void projectVariablePrefixesContainerAndImageNames() {
        for (Service s : ComposeFile.raw(Checkout.COMPOSE_FILE).services()) {
            Object container = s.spec().get("container_name");
            if (container != null) {
                assertTrue(String.valueOf(container).startsWith("${PROJECT"), s.name() + ": container_name " + container);
            }
            if (s.isBuilt()) {
                assertTrue(String.valueOf(s.image()).startsWith("${PROJECT"), s.name() + ": image " + s.image());
            }
        }
    }

    /** Asserts that a named volume is mounted at {@code path} or above it; returns the volume's name. */
    private String assertNamedVolumeCovers(Service s, String path) {
        assertNotNull(path, s.name() + ": the data directory is not set");
        for (Map.Entry<String, String> m : s.mounts().entrySet()) {
            String target = m.getKey().replaceAll("/+$", "");
            boolean covers = path.equals(target) || path.startsWith(target + "/");
            if (covers && compose.namedVolumes().contains(m.getValue())) {
                return m.getValue();
            }
        }
        return fail(s.name() + " keeps " + path + " in no named volume (mounts: " + s.mounts() + ")");
    }

    private Service server(String imagePrefix) {
        return compose.services().stream().filter(s -> String.valueOf(s.image()).startsWith(imagePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no service runs an image " + imagePrefix + "*"));
    }

    private Service nameNode() {
        return compose.services().stream()
                .filter(s -> String.valueOf(s.image()).startsWith("apache/hadoop:") && s.command().contains("namenode"))
                .findFirst().orElseThrow(() -> new AssertionError("no HDFS NameNode (apache/hadoop, hdfs namenode)"));
    }

    private List<Service> dataNodes() {
        return compose.services().stream()
                .filter(s -> String.valueOf(s.image()).startsWith("apache/hadoop:") && s.command().contains("datanode"))
                .toList();
    }

    private static Properties properties(Path module) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new AssertionError("Cannot read the application.properties of " + module, e);
        }
        return p;
    }
}
