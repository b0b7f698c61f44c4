package io.weatherpipeline.stack;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * The Kafka brokers of the stack ({@code WEATHER_KAFKA_BROKERS}, default 1): each a {@link KafkaBroker}
 * that is broker and controller at once, the controllers forming one KRaft quorum. All are started
 * before any is awaited (a quorum of three elects a leader only once two run); ready once the
 * cluster metadata lists every broker.
 */
final class KafkaCluster implements StackServer {

    private final StackSettings settings;
    private final List<KafkaBroker> brokers = new ArrayList<>();

    KafkaCluster(StackSettings settings) {
        this.settings = settings;
        for (int node = 0; node < settings.kafkaBrokers(); node++) {
            brokers.add(new KafkaBroker(settings, node));
        }
    }

    @Override
    public void start() {
        String clusterId = clusterId();
        for (KafkaBroker b : brokers) {
            b.start(clusterId);
        }
        ManagedProcess first = brokers.get(0).process();
        Readiness.await(first, "all " + brokers.size() + " broker(s) in the metadata of " + settings.kafkaBootstrapServers(),
                Duration.ofSeconds(90), this::metadataProblem);
    }

    /** The id every node's storage shares: the one already formatted, or a new one. */
    private String clusterId() {
        String id = null;
        for (KafkaBroker b : brokers) {
            String formatted = b.formattedClusterId();
            if (formatted != null && id != null && !formatted.equals(id)) {
                throw new StackException("The Kafka nodes' data directories belong to different clusters (" + id
                        + ", " + formatted + "): start with --fresh");
            }
            id = formatted != null ? formatted : id;
        }
        String other = settings.kafkaBrokers() == 1 ? "kafka-1" : "kafka";
        if (Files.exists(settings.workDir().resolve(other).resolve("data"))) {
            throw new StackException("The data of a Kafka stack with " + (settings.kafkaBrokers() == 1 ? "several brokers"
                    : "one broker") + " is in " + settings.workDir() + ": start with --fresh to change WEATHER_KAFKA_BROKERS");
        }
        return id != null ? id : Uuid.randomUuid().toString();
    }

    private String metadataProblem() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(p)) {
            int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            return nodes >= brokers.size() ? null : nodes + " of " + brokers.size() + " broker(s) in the cluster metadata";
        } catch (Exception e) {
            return "metadata request failed: " + e.getMessage();
        }
    }

    /** Broker {@code node} (0-based), for fault tests: kill it and start it again. */
    KafkaBroker broker(int node) {
        return brokers.get(node);
    }

    /** Starts broker {@code node} again after it was stopped or killed, and waits until the cluster lists it. */
    void restart(int node) {
        brokers.get(node).start(clusterId());
        Readiness.await(brokers.get(node).process(), "broker " + brokers.get(node).name() + " back in the metadata",
                Duration.ofSeconds(90), this::metadataProblem);
    }

    /**
     * Stops every broker at once: one by one, the last ones would wait for a quorum that is already
     * gone before they give up their controlled shutdown.
     */
    @Override
    public void stop() {
        List<Thread> stopping = new ArrayList<>();
        for (KafkaBroker b : brokers) {
            Thread t = new Thread(b::stop, "stop-" + b.name());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public List<ManagedProcess> processes() {
        List<ManagedProcess> out = new ArrayList<>();
        brokers.forEach(b -> {
            if (b.process() != null) {
                out.add(b.process());
            }
        });
        return out;
    }

    @Override
    public String endpoint() {
        return "Kafka      bootstrap.servers=" + settings.kafkaBootstrapServers()
                + (brokers.size() > 1 ? " (" + brokers.size() + " brokers, replication " + settings.kafkaReplication()
                        + ", min.insync.replicas " + (settings.kafkaReplication() - 1) + ")" : "");
    }
}
