package io.weatherpipeline.composecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceConfigKeysTest {

    @Test
    void envNamesFollowTheMicroProfileRule() {
        assertEquals("KAFKA_BOOTSTRAP_SERVERS", ServiceConfigKeys.envName("kafka.bootstrap.servers"));
        assertEquals("CONSUMER_HDFS_DATA_DIR", ServiceConfigKeys.envName("consumer.hdfs.data-dir"));
        assertEquals("QUARKUS_LOG_CATEGORY__IO_X__LEVEL", ServiceConfigKeys.envName("quarkus.log.category.\"io.x\".level"));
    }

    @Test
    void kebabCaseAsSmallRyeNamesMethods() {
        assertEquals("days-per-tick", ServiceConfigKeys.kebab("daysPerTick"));
        assertEquals("uri", ServiceConfigKeys.kebab("uri"));
        assertEquals("dead-letter-topic", ServiceConfigKeys.kebab("deadLetterTopic"));
        assertEquals("http-url", ServiceConfigKeys.kebab("httpURL"));
        assertEquals("url-path", ServiceConfigKeys.kebab("URLPath"));
    }

    @Test
    void readsPropertiesMappingsAndNestedGroups() throws URISyntaxException {
        ServiceConfigKeys keys = ServiceConfigKeys.of(fixture());
        assertTrue(keys.keys().containsAll(List.of(
                "quarkus.http.port", "kafka.bootstrap.servers", "fixture.only-in-tests",
                "fixture.max-age", "fixture.stations", "fixture.renamed-key",
                "fixture.hdfs.uri", "fixture.hdfs.replication", "fixture.tls.key-store",
                "fixture.sinks.*.topic", "fixture.servers[*].host", "fixture.every-poll")), keys.keys().toString());
        assertFalse(keys.keys().contains("fixture.some-name"), keys.keys().toString());
        assertFalse(keys.keys().stream().anyMatch(k -> k.contains("not-a-key")), keys.keys().toString());
    }

    @Test
    void acceptsOnlyVariablesThatSetAKey() throws URISyntaxException {
        ServiceConfigKeys keys = ServiceConfigKeys.of(fixture());
        for (String ok : List.of("FIXTURE_MAX_AGE", "FIXTURE_HDFS_URI", "FIXTURE_SINKS_ALERTS_TOPIC",
                "FIXTURE_SERVERS_0__HOST", "FIXTURE_EVERY_POLL", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_LOG_LEVEL",
                "MP_MESSAGING_INCOMING_X_TOPIC")) {
            assertTrue(keys.accepts(ok), ok);
        }
        for (String wrong : List.of("FIXTURE_MAXAGE", "FIXTURE_HDFS_URL", "FIXTURE_SOME_NAME", "JAVA_OPTS_APPEND",
                "KAFKA_BOOTSTRAP_SERVER", "FIXTURE_FLAT_EVERY_POLL")) {
            assertFalse(keys.accepts(wrong), wrong);
        }
    }

    @Test
    void readsTheRealServices() {
        ServiceConfigKeys producer = ServiceConfigKeys.of(Checkout.ROOT.resolve("producer-service"));
        // Declared only by TailerConfig's methods, not in application.properties.
        assertTrue(producer.accepts("PRODUCER_MIN_DEGREES"), producer.toString());
        assertTrue(producer.accepts("PRODUCER_GAP_GRACE"), producer.toString());
        ServiceConfigKeys generator = ServiceConfigKeys.of(Checkout.ROOT.resolve("generator-service"));
        assertTrue(generator.accepts("GENERATOR_ROWS_PER_STATEMENT"), generator.toString());
        assertFalse(generator.accepts("PRODUCER_GAP_GRACE"), generator.toString());
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(ServiceConfigKeysTest.class.getResource("/fixture-service").toURI());
    }
}
