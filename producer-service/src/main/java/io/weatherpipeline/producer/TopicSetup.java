package io.weatherpipeline.producer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Makes sure the topics exist as configured. Unlike the seed, an existing topic is kept (its data
 * is the pipeline's history) unless {@code producer.reset=true}; one with another partition count
 * is a configuration error, since keys would land in other partitions than before.
 */
public final class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    /** The topic exists with a partition count other than the one configured. */
    public static class PartitionMismatchException extends IllegalStateException {
        public PartitionMismatchException(String message) {
            super(message);
        }
    }

    private TopicSetup() {
    }

    public static void ensure(Admin admin, TailerConfig config) throws InterruptedException, ExecutionException,
            TimeoutException {
        if (config.reset()) {
            reset(admin, config.topic());
        }
        ensureTopic(admin, config.topic(), config.partitions(), config.replication());
        ensureTopic(admin, config.deadLetterTopic(), 1, config.replication());
    }

    private static void ensureTopic(Admin admin, String topic, int partitions, short replication)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        if (!names.contains(topic)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, replication))).all().get(30, TimeUnit.SECONDS);
                LOG.infof("Created topic %s with %d partition(s), replication %d", topic, partitions, replication);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        int existing = d.partitions().size();
        if (existing != partitions) {
            throw new PartitionMismatchException("Topic " + topic + " exists with " + existing + " partition(s) but "
                    + partitions + " are configured (producer.partitions). Fix the setting, or recreate the topic"
                    + " with producer.reset=true, which deletes its data.");
        }
        LOG.infof("Using existing topic %s (%d partitions)", topic, existing);
    }

    private static void reset(Admin admin, String topic) throws InterruptedException, ExecutionException,
            TimeoutException {
        if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
            LOG.warnf("producer.reset=true: deleting topic %s and all its data", topic);
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            // Deletion completes asynchronously on the brokers; wait until the name is free.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("topic " + topic + " still listed 30 s after its deletion");
                }
                Thread.sleep(200);
            }
        }
    }

    static Map<String, Object> adminConfig(String bootstrapServers) {
        return Map.of("bootstrap.servers", bootstrapServers, "request.timeout.ms", 10_000,
                "default.api.timeout.ms", 20_000);
    }
}
