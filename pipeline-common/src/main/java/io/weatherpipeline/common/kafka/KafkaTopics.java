package io.weatherpipeline.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Topics the services create for themselves: created when absent, kept (with their data) when
 * present, and an existing topic's partition count checked against the configured one, since keys
 * would otherwise land in other partitions than before.
 */
public final class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);

    /** The topic exists with a partition count other than the one configured. */
    public static class PartitionCountMismatchException extends IllegalStateException {
        public PartitionCountMismatchException(String message) {
            super(message);
        }
    }

    private KafkaTopics() {
    }

    /** Admin client settings that fail a call to a broker that is down within seconds, not minutes. */
    public static Map<String, Object> adminConfig(String bootstrapServers) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    }

    /**
     * Creates {@code topic} unless a topic of that name exists; its partitions and replication may
     * be left to the broker's defaults ({@code new NewTopic(name, Optional.empty(), Optional.empty())}).
     *
     * @return true when this call created it
     */
    public static boolean createIfAbsent(Admin admin, NewTopic topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic.name())) {
            return false;
        }
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                // Created meanwhile by another process.
                return false;
            }
            throw e;
        }
        LOG.infof("Created topic %s with %s partition(s), replication %s", topic.name(),
                topic.numPartitions() < 0 ? "the broker's default" : topic.numPartitions(),
                topic.replicationFactor() < 0 ? "the broker's default" : topic.replicationFactor());
        return true;
    }

    /** How many partitions {@code topic} has. */
    public static int partitionCount(Admin admin, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic).partitions().size();
    }

    /**
     * {@link #createIfAbsent}, then, when the topic already existed, checks that it has the
     * partitions {@code topic} asks for.
     *
     * @param remedy what the operator can do about a mismatch, naming the setting: ends the error
     * @throws PartitionCountMismatchException when an existing topic has another partition count
     */
    public static void ensure(Admin admin, NewTopic topic, Duration timeout, String remedy)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (createIfAbsent(admin, topic, timeout) || topic.numPartitions() < 0) {
            return;
        }
        int existing = partitionCount(admin, topic.name(), timeout);
        if (existing != topic.numPartitions()) {
            throw new PartitionCountMismatchException("Topic " + topic.name() + " exists with " + existing
                    + " partition(s) but " + topic.numPartitions() + " are configured. " + remedy);
        }
        LOG.infof("Using existing topic %s (%d partitions)", topic.name(), existing);
    }
}
