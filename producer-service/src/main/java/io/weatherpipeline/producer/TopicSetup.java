package io.weatherpipeline.producer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.jboss.logging.Logger;

import io.weatherpipeline.common.kafka.KafkaTopics;

/**
 * Makes sure the producer's topics exist as configured. The producer of the original course design
 * deleted and recreated its topic at every start; here an existing topic is kept (its data is the
 * pipeline's history) unless {@code producer.reset=true}, and one with another partition count stops
 * the tailer ({@link KafkaTopics.PartitionCountMismatchException}).
 */
public final class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicSetup() {
    }

    public static void ensure(Admin admin, TailerConfig config) throws InterruptedException, ExecutionException,
            TimeoutException {
        if (config.reset()) {
            reset(admin, config.topic());
        }
        KafkaTopics.ensure(admin, new NewTopic(config.topic(), config.partitions(), config.replication()), TIMEOUT,
                "Fix producer.partitions, or recreate the topic with producer.reset=true, which deletes its data.");
        KafkaTopics.ensure(admin, new NewTopic(config.deadLetterTopic(), 1, config.replication()), TIMEOUT,
                "A dead-letter topic has 1 partition: recreate it, or name another in producer.dead-letter-topic.");
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
}
