package io.weatherpipeline.pinning;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * A Kafka partition assignor (classic group protocol) that pins partitions: each member announces
 * the partitions it owns by configuration in its subscription, and the group leader gives every
 * member exactly those ({@link ClaimArbiter}). Rebalances therefore never move a partition to
 * another instance, while the group's rebalance listener still runs on every assignment.
 *
 * <p>Kafka creates the assignor itself, from {@code partition.assignment.strategy}, and configures it
 * from the channel's consumer configuration: {@value #CLAIMS_CONFIG} holds the claims, and
 * {@value ClaimOutcomes#CONFIG} the channel's {@link ClaimOutcomes}, where what the leader said about
 * this member's claims is recorded for the service to act on. Problems travel from the leader to the
 * member as {@link ClaimProblem}s in the assignment's user data.
 */
public class ClaimedPartitionAssignor implements ConsumerPartitionAssignor, Configurable {

    /** Consumer property holding the claimed partitions, e.g. {@code 0,2}. */
    public static final String CLAIMS_CONFIG = "weather.claimed.partitions";

    /** Consumer property naming the service's own setting of the claims (e.g. {@code stats.partitions}), for errors. */
    public static final String CLAIMS_KEY_CONFIG = "weather.claimed.partitions.key";

    private static final Logger LOG = Logger.getLogger(ClaimedPartitionAssignor.class);
    private static final long STARTED_AT = System.currentTimeMillis();

    private Set<Integer> claims = Set.of();
    private ClaimOutcomes outcomes;
    private String description = "?";

    @Override
    public void configure(Map<String, ?> configs) {
        Object value = configs.get(CLAIMS_CONFIG);
        if (value == null) {
            throw new IllegalArgumentException(CLAIMS_CONFIG + " is not set: the consumer must say which partitions it owns");
        }
        Object key = configs.get(CLAIMS_KEY_CONFIG);
        claims = PartitionClaims.parse(key == null ? CLAIMS_CONFIG : key.toString(), value.toString());
        outcomes = ClaimOutcomes.from(configs);
        description = "client " + configs.get("client.id") + " on " + hostName() + ", claiming "
                + PartitionClaims.format(claims);
    }

    @Override
    public String name() {
        return "weather-claimed";
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        // Cooperative: a rebalance revokes only partitions that move, and ours never move.
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        String text = STARTED_AT + "\n" + PartitionClaims.format(claims) + "\n" + description;
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        Map<String, List<ClaimArbiter.Claim>> byTopic = new HashMap<>();
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            Subscription s = e.getValue();
            String[] lines = StandardCharsets.UTF_8.decode(s.userData().duplicate()).toString().split("\n", 3);
            for (String topic : s.topics()) {
                Set<Integer> owned = new HashSet<>();
                for (TopicPartition tp : s.ownedPartitions()) {
                    if (tp.topic().equals(topic)) {
                        owned.add(tp.partition());
                    }
                }
                byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(new ClaimArbiter.Claim(e.getKey(),
                        PartitionClaims.parse(CLAIMS_CONFIG, lines[1]), owned, Long.parseLong(lines[0]), lines[2]));
            }
        }
        Map<String, List<TopicPartition>> partitions = new HashMap<>();
        Map<String, List<ClaimProblem>> problems = new HashMap<>();
        subscriptions.keySet().forEach(m -> {
            partitions.put(m, new ArrayList<>());
            problems.put(m, new ArrayList<>());
        });
        byTopic.forEach((topic, claims) -> {
            Integer count = metadata.partitionCountForTopic(topic);
            ClaimArbiter.assign(topic, count == null ? -1 : count, claims).forEach((member, outcome) -> {
                outcome.partitions().forEach(p -> partitions.get(member).add(new TopicPartition(topic, p)));
                problems.get(member).addAll(outcome.problems());
            });
            if (count != null) {
                Set<Integer> unclaimed = new TreeSet<>();
                for (int p = 0; p < count; p++) {
                    unclaimed.add(p);
                }
                claims.forEach(c -> unclaimed.removeAll(c.claimed()));
                if (!unclaimed.isEmpty()) {
                    LOG.warnf("No consumer of the group claims partition(s) %s of %s: nothing writes them",
                            unclaimed, topic);
                }
            }
        });
        Map<String, Assignment> out = new HashMap<>();
        partitions.forEach((member, tps) -> out.put(member, new Assignment(tps, ByteBuffer.wrap(String.join("\n",
                problems.get(member).stream().map(ClaimProblem::encode).toList()).getBytes(StandardCharsets.UTF_8)))));
        return new GroupAssignment(out);
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        String text = assignment.userData() == null ? ""
                : StandardCharsets.UTF_8.decode(assignment.userData().duplicate()).toString();
        Set<Integer> got = new HashSet<>();
        assignment.partitions().forEach(tp -> got.add(tp.partition()));
        List<ClaimProblem> problems = text.isEmpty() ? List.of()
                : Stream.of(text.split("\n")).map(ClaimProblem::decode).toList();
        outcomes.record(new ClaimArbiter.Outcome(Set.copyOf(got), problems));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown host";
        }
    }
}
