package io.weatherpipeline.dashboard.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.smallrye.mutiny.Uni;

/**
 * The topic's end offsets as a read_committed reader sees them (the last stable offset), per partition,
 * through Kafka's admin client: with the consumer's checkpoints they give its lag, and an answer at all
 * says the broker is up. Empty while the topic does not exist.
 *
 * <p>Thread model: the admin client runs its own network thread; the futures complete there.
 */
public final class TopicOffsets implements AutoCloseable {

    private final Admin admin;
    private final String topic;
    private final int timeoutMillis;

    public TopicOffsets(String bootstrapServers, String topic, int timeoutMillis) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "weather-dashboard");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
        // A broker that is down is tried again within seconds once it is back.
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        this.admin = Admin.create(p);
        this.topic = topic;
        this.timeoutMillis = timeoutMillis;
    }

    public Uni<SortedMap<Integer, Long>> endOffsets() {
        return Uni.createFrom().completionStage(() -> admin.describeTopics(java.util.List.of(topic))
                        .allTopicNames().toCompletionStage())
                .chain(described -> {
                    TopicDescription d = described.get(topic);
                    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
                    d.partitions().forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                    ListOffsetsOptions options = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)
                            .timeoutMs(timeoutMillis);
                    return Uni.createFrom().completionStage(() -> admin.listOffsets(specs, options).all().toCompletionStage());
                })
                .map(offsets -> {
                    SortedMap<Integer, Long> out = new TreeMap<>();
                    offsets.forEach((tp, info) -> out.put(tp.partition(), info.offset()));
                    return out;
                })
                .onFailure(UnknownTopicOrPartitionException.class).recoverWithItem(() -> new TreeMap<>());
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
