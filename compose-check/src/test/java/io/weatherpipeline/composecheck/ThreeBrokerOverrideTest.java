package io.weatherpipeline.composecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.composecheck.ComposeFile.HostPort;
import io.weatherpipeline.composecheck.ComposeFile.Service;

/**
 * docker-compose.brokers3.yml applied to docker-compose.yml: three KRaft nodes in one quorum, every topic kept
 * with three replicas and min ISR 2, and every service of ours bootstrapping from all three and waiting for them.
 */
class ThreeBrokerOverrideTest {

    private static final int NODES = 3;
    private static final String REPLICATION = "3";
    private static final String MIN_ISR = "2";
    /** Kafka settings that are a replication factor or a min ISR (internal topics and the defaults). */
    private static final Pattern REPLICATION_KEY = Pattern.compile("KAFKA_.*_REPLICATION_FACTOR");
    private static final Pattern MIN_ISR_KEY = Pattern.compile("KAFKA_.*_MIN_ISR|KAFKA_MIN_INSYNC_REPLICAS");
    /** What the nodes may differ in; everything else is kafka's configuration from docker-compose.yml. */
    private static final Set<String> PER_NODE = Set.of("KAFKA_NODE_ID", "KAFKA_ADVERTISED_LISTENERS");
    private static final Pattern VOTER = Pattern.compile("(\\d+)@([^:]+):(\\d+)");

    private final ComposeFile base = Checkout.compose();
    private final ComposeFile override = Checkout.threeBrokersOverride();
    private final ComposeFile merged = Checkout.composeWithThreeBrokers();

    @Test
    void threeNodesWithIdsOneToThreeInOneQuorum() {
        Map<Integer, Service> byId = new TreeMap<>();
        for (Service node : nodes()) {
            String id = node.environment().get("KAFKA_NODE_ID");
            assertNotNull(id, node.name() + " has no KAFKA_NODE_ID");
            Service earlier = byId.put(Integer.parseInt(id), node);
            assertTrue(earlier == null, () -> "node id " + id + " is used by both " + earlier.name() + " and " + node.name());
        }
        assertEquals(List.of(1, 2, 3), List.copyOf(byId.keySet()), "node ids");

        String voters = byId.get(1).environment().get("KAFKA_CONTROLLER_QUORUM_VOTERS");
        for (Service node : byId.values()) {
            assertEquals(voters, node.environment().get("KAFKA_CONTROLLER_QUORUM_VOTERS"),
                    node.name() + " sees another quorum than " + byId.get(1).name());
        }
        Set<Integer> voterIds = new TreeSet<>();
        for (String voter : voters.split(",")) {
            Matcher m = VOTER.matcher(voter.trim());
            assertTrue(m.matches(), "voter " + voter + " is not id@host:port");
            int id = Integer.parseInt(m.group(1));
            Service node = byId.get(id);
            assertNotNull(node, "voter " + voter + " names no node of the file");
            assertEquals(node.name(), m.group(2), "voter " + id + " should be reached at its service name");
            assertEquals(listenerPort(node, "KAFKA_LISTENERS", "CONTROLLER"), m.group(3),
                    "voter " + voter + ": not " + node.name() + "'s CONTROLLER listener");
            voterIds.add(id);
        }
        assertEquals(byId.keySet(), voterIds, "the quorum voters should be every node: " + voters);
    }

    @Test
    void everyReplicationFactorIsThreeAndEveryMinIsrTwo() {
        for (Service node : nodes()) {
            Map<String, String> env = node.environment();
            for (String key : List.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                    "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR",
                    "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "KAFKA_DEFAULT_REPLICATION_FACTOR",
                    "KAFKA_MIN_INSYNC_REPLICAS")) {
                assertTrue(env.containsKey(key), node.name() + " does not set " + key);
            }
            // Also any such setting docker-compose.yml gains later: its single-broker 1 must not survive the merge.
            env.forEach((key, value) -> {
                if (REPLICATION_KEY.matcher(key).matches()) {
                    assertEquals(REPLICATION, value, node.name() + ": " + key);
                }
                if (MIN_ISR_KEY.matcher(key).matches()) {
                    assertEquals(MIN_ISR, value, node.name() + ": " + key);
                }
            });
        }
    }

    @Test
    void theNodesAreConfiguredAsKafkaIsButForIdAndAdvertisedAddresses() {
        Service kafka = merged.service("kafka");
        for (Service node : nodes()) {
            assertEquals(kafka.image(), node.image(), node.name() + "'s image");
            assertEquals(kafka.healthcheck(), node.healthcheck(), node.name() + "'s healthcheck");
            assertEquals(kafka.spec().get("restart"), node.spec().get("restart"), node.name() + "'s restart policy");
            Map<String, String> differences = differences(kafka.environment(), node.environment());
            assertTrue(differences.isEmpty(), node.name() + " is configured otherwise than kafka (only " + PER_NODE
                    + " may differ): " + differences);
            assertEquals(node.name() + ":" + listenerPort(node, "KAFKA_LISTENERS", "PLAINTEXT"), advertised(node, "PLAINTEXT"),
                    node.name() + " should advertise its service name to the other containers");
            String hostPort = advertised(node, "HOST").replaceFirst("^localhost:", "");
            String containerPort = listenerPort(node, "KAFKA_LISTENERS", "HOST");
            assertTrue(node.publishedPorts().stream().anyMatch(p -> String.valueOf(p.port()).equals(hostPort)),
                    node.name() + " advertises localhost:" + hostPort + " but does not publish it");
            assertTrue(ComposeFile.asList(node.spec().get("ports"), node.name() + ".ports").stream()
                    .allMatch(p -> String.valueOf(p).endsWith(":" + containerPort)),
                    node.name() + " should publish its HOST listener (" + containerPort + "): " + node.spec().get("ports"));
        }
        Set<String> names = nodes().stream().map(Service::name).collect(Collectors.toSet());
        assertTrue(dependsOnAny(nodes(), names).isEmpty(), "the nodes must start together (a quorum of three elects a"
                + " leader only once two run), but: " + dependsOnAny(nodes(), names));
    }

    @Test
    void eachNodeHasItsOwnHostPortAndDeclaredVolume() {
        List<HostPort> ports = merged.services().stream().flatMap(s -> s.publishedPorts().stream()).toList();
        for (int i = 0; i < ports.size(); i++) {
            for (int j = i + 1; j < ports.size(); j++) {
                HostPort a = ports.get(i);
                HostPort b = ports.get(j);
                assertFalse(a.clashesWith(b), "host port " + a.port() + " is published by both " + a.service()
                        + " and " + b.service());
            }
        }
        Map<String, String> volumeOwners = new HashMap<>();
        for (Service node : nodes()) {
            String logDirs = node.environment().get("KAFKA_LOG_DIRS");
            String volume = node.mounts().get(logDirs);
            assertNotNull(volume, node.name() + " keeps " + logDirs + " in no volume (mounts: " + node.mounts() + ")");
            assertTrue(merged.namedVolumes().contains(volume), node.name() + " mounts volume " + volume
                    + ", declared under the volumes: of neither file");
            String earlier = volumeOwners.put(volume, node.name());
            assertTrue(earlier == null, "volume " + volume + " is used by both " + earlier + " and " + node.name());
        }
    }

    @Test
    void projectVariablePrefixesTheNewContainerNames() {
        for (Service s : ComposeFile.raw(Checkout.THREE_BROKERS_FILE).services()) {
            Object container = s.spec().get("container_name");
            if (container != null) {
                assertTrue(String.valueOf(container).startsWith("${PROJECT"), s.name() + ": container_name " + container);
            }
        }
    }

    @Test
    void everyServiceOfOursBootstrapsFromAllThree() {
        String all = nodes().stream().sorted(Comparator.comparing(ThreeBrokerOverrideTest::nodeId))
                .map(n -> advertised(n, "PLAINTEXT")).collect(Collectors.joining(","));
        List<String> withoutAll = new ArrayList<>();
        for (Service s : base.services()) {
            if (s.environment().containsKey("KAFKA_BOOTSTRAP_SERVERS")
                    && !all.equals(merged.service(s.name()).environment().get("KAFKA_BOOTSTRAP_SERVERS"))) {
                withoutAll.add(s.name());
            }
        }
        assertTrue(withoutAll.isEmpty(), withoutAll + " set KAFKA_BOOTSTRAP_SERVERS in docker-compose.yml but do not get "
                + all + " from docker-compose.brokers3.yml");
    }

    @Test
    void everyServiceWaitingForKafkaWaitsForAllThree() {
        List<Service> nodes = nodes();
        Set<String> names = nodes.stream().map(Service::name).collect(Collectors.toSet());
        List<String> producers = base.built().stream().filter(s -> s.module().equals("producer-service"))
                .map(Service::name).toList();
        assertFalse(producers.isEmpty(), "no producer-service in docker-compose.yml");
        Map<String, Map<String, String>> missing = new LinkedHashMap<>();
        for (Service s : base.services()) {
            if (s.dependsOn().containsKey("kafka") || producers.contains(s.name())) {
                Map<String, String> deps = merged.service(s.name()).dependsOn();
                Map<String, String> notHealthy = new TreeMap<>();
                names.forEach(n -> {
                    if (!"service_healthy".equals(deps.get(n))) {
                        notHealthy.put(n, String.valueOf(deps.get(n)));
                    }
                });
                if (!notHealthy.isEmpty()) {
                    missing.put(s.name(), notHealthy);
                }
            }
        }
        assertTrue(missing.isEmpty(), "these services should wait for every broker to be healthy (the topic and the"
                + " consumer-offsets topic need all three): " + missing);
    }

    @Test
    void theProducerCreatesTheTopicWithThreeReplicas() {
        List<Service> producers = merged.built().stream().filter(s -> s.module().equals("producer-service")).toList();
        assertFalse(producers.isEmpty(), "no producer-service in docker-compose.yml");
        for (Service p : producers) {
            assertEquals(REPLICATION, p.environment().get("PRODUCER_REPLICATION"), p.name() + ": PRODUCER_REPLICATION");
        }
        assertTrue(Integer.parseInt(REPLICATION) <= nodes().size(), "more replicas than brokers");
    }

    @Test
    void theOverrideAddsNoServiceButTheBrokers() {
        Set<String> nodeNames = nodes().stream().map(Service::name).collect(Collectors.toSet());
        List<String> unknown = override.services().stream().map(Service::name)
                .filter(n -> !nodeNames.contains(n) && base.services().stream().noneMatch(s -> s.name().equals(n)))
                .toList();
        assertTrue(unknown.isEmpty(), "docker-compose.brokers3.yml names services docker-compose.yml does not have"
                + " (misspelt?): " + unknown);
    }

    /** The Kafka nodes of the merged file: the services running the Kafka image. */
    private List<Service> nodes() {
        List<Service> nodes = merged.services().stream().filter(s -> String.valueOf(s.image()).startsWith("apache/kafka:"))
                .toList();
        assertEquals(NODES, nodes.size(), "Kafka nodes: " + nodes.stream().map(Service::name).toList());
        return nodes;
    }

    private static int nodeId(Service node) {
        return Integer.parseInt(node.environment().get("KAFKA_NODE_ID"));
    }

    /** The variables, other than {@link #PER_NODE}, that differ: name to "kafka's value / the node's value". */
    private static Map<String, String> differences(Map<String, String> kafka, Map<String, String> node) {
        Set<String> names = new TreeSet<>(kafka.keySet());
        names.addAll(node.keySet());
        names.removeAll(PER_NODE);
        Map<String, String> out = new TreeMap<>();
        names.stream().filter(n -> !Objects.equals(kafka.get(n), node.get(n)))
                .forEach(n -> out.put(n, kafka.get(n) + " / " + node.get(n)));
        return out;
    }

    /** The host:port a node advertises on {@code listener}. */
    private static String advertised(Service node, String listener) {
        String listeners = node.environment().get("KAFKA_ADVERTISED_LISTENERS");
        assertNotNull(listeners, node.name() + " has no KAFKA_ADVERTISED_LISTENERS");
        for (String l : listeners.split(",")) {
            if (l.trim().startsWith(listener + "://")) {
                return l.trim().substring(listener.length() + 3);
            }
        }
        throw new AssertionError(node.name() + " advertises no " + listener + " listener: " + listeners);
    }

    /** The port of {@code listener} in a listener list such as KAFKA_LISTENERS ({@code NAME://host:port,...}). */
    private static String listenerPort(Service node, String key, String listener) {
        String listeners = node.environment().get(key);
        assertNotNull(listeners, node.name() + " has no " + key);
        for (String l : listeners.split(",")) {
            if (l.trim().startsWith(listener + "://")) {
                return l.trim().replaceFirst(".*:", "");
            }
        }
        throw new AssertionError(node.name() + "'s " + key + " has no " + listener + " listener: " + listeners);
    }

    /** Dependencies among {@code services} on any of {@code names}, as "service -> dependency". */
    private static List<String> dependsOnAny(List<Service> services, Set<String> names) {
        List<String> out = new ArrayList<>();
        services.forEach(s -> s.dependsOn().keySet().stream().filter(names::contains).forEach(d -> out.add(s.name() + " -> " + d)));
        return out;
    }
}
