package io.weatherpipeline.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.weatherpipeline.common.kafka.KafkaTopics;
import io.weatherpipeline.testsupport.WeatherStackResource;

/** The shared topic helper the producer's {@link TopicSetup} is built on, against a real broker. */
@QuarkusTest
@QuarkusTestResource(value = WeatherStackResource.class,
        initArgs = @ResourceArg(name = WeatherStackResource.SERVERS, value = "kafka,mariadb"))
class TopicSetupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createsOnceKeepsAnExistingTopicAndRefusesOneWithOtherPartitions() throws Exception {
        String name = "topic-setup-" + System.nanoTime();
        try (Admin admin = Admin.create(KafkaTopics.adminConfig(bootstrap))) {
            assertTrue(KafkaTopics.createIfAbsent(admin, new NewTopic(name, 3, (short) 1), TIMEOUT));
            assertFalse(KafkaTopics.createIfAbsent(admin, new NewTopic(name, 3, (short) 1), TIMEOUT));
            assertEquals(3, KafkaTopics.partitionCount(admin, name, TIMEOUT));

            KafkaTopics.ensure(admin, new NewTopic(name, 3, (short) 1), TIMEOUT, "unused");
            NewTopic four = new NewTopic(name, 4, (short) 1);
            KafkaTopics.PartitionCountMismatchException e = assertThrows(
                    KafkaTopics.PartitionCountMismatchException.class,
                    () -> KafkaTopics.ensure(admin, four, TIMEOUT, "Fix producer.partitions."));
            assertEquals("Topic " + name + " exists with 3 partition(s) but 4 are configured. Fix producer.partitions.",
                    e.getMessage());
        }
    }

    @Test
    void aTopicWithTheBrokersDefaultsIsCreatedAndNotChecked() throws Exception {
        String name = "topic-defaults-" + System.nanoTime();
        try (Admin admin = Admin.create(KafkaTopics.adminConfig(bootstrap))) {
            NewTopic defaults = new NewTopic(name, Optional.empty(), Optional.empty());
            KafkaTopics.ensure(admin, defaults, TIMEOUT, "unused");
            assertTrue(KafkaTopics.partitionCount(admin, name, TIMEOUT) >= 1);
            KafkaTopics.ensure(admin, defaults, TIMEOUT, "unused");
        }
    }
}
