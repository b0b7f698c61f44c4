package io.weatherpipeline.consumer;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.testsupport.ServiceProcess;
import io.weatherpipeline.testsupport.SharedStack;

/**
 * Kafka trouble on the consumer's side: the broker goes away and comes back, and the consumer process
 * freezes for longer than its session (a long GC pause), so the group expels it and its partitions
 * are lost and assigned again while records are on their way. Every record is still written exactly
 * once.
 */
class KafkaOutageIT {

    private static final Path WORK = Path.of("target/consumer-kafka-outage-it").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @BeforeAll
    static void emptyWorkDirectory() {
        LocalStack.deleteTree(WORK);
    }

    @Test
    void aBrokerOutageLosesAndDoublesNothing() throws Exception {
        String hdfsUri = SharedStack.ensure(Server.HDFS).settings().hdfsUri();
        StackSettings brokerOnly = new StackSettings(WORK.resolve("kafka"), Set.of(Server.KAFKA), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), Ports.free(), 1, "weather", "weather", "weather");
        String kafka = brokerOnly.kafkaBootstrapServers();
        List<ReportProducer.Sent> sent = Collections.synchronizedList(new ArrayList<>());
        LocalStack broker = LocalStack.start(brokerOnly);
        try (FileSystem fs = HdfsFileSystemProducer.connect(hdfsUri)) {
            ConsumerScenario s = new ConsumerScenario("kafka-outage", kafka, hdfsUri, fs, WORK);
            ReportProducer.createTopic(kafka, s.topic(), 4);
            ServiceProcess consumer = s.start("c", "0,1,2,3", Map.of());
            try {
                consumer.awaitStarted(WAIT);
                try (ReportFeed feed = new ReportFeed(kafka, s.topic(), sent, 20, 200)) {
                    Thread.sleep(3000);
                }
                await().atMost(WAIT).until(() -> Reconciliation.drained(s.committed, sent, 4));

                broker.close();
                Thread.sleep(8000);
                broker = LocalStack.start(brokerOnly);
                try (ReportFeed feed = new ReportFeed(kafka, s.topic(), sent, 20, 200)) {
                    Thread.sleep(3000);
                }
                await().atMost(WAIT).until(() -> Reconciliation.drained(s.committed, sent, 4));
                await().atMost(WAIT).until(() -> consumer.status("/q/health/ready") == 200);
            } finally {
                consumer.stop();
            }
            for (int p = 0; p < 4; p++) {
                Reconciliation.assertExactlyOnce(sent, s.committed, p, "broker outage");
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void aFrozenConsumerExpelledFromItsGroupGetsItsPartitionsBackAndWritesOnce() throws Exception {
        String kafka = SharedStack.ensure(Server.KAFKA).settings().kafkaBootstrapServers();
        String hdfsUri = SharedStack.ensure(Server.HDFS).settings().hdfsUri();
        List<ReportProducer.Sent> sent = Collections.synchronizedList(new ArrayList<>());
        try (FileSystem fs = HdfsFileSystemProducer.connect(hdfsUri)) {
            ConsumerScenario s = new ConsumerScenario("frozen", kafka, hdfsUri, fs, WORK);
            ReportProducer.createTopic(kafka, s.topic(), 4);
            ServiceProcess consumer = s.start("c", "0,1,2,3", Map.of("CONSUMER_FLUSH_MAX_RECORDS", "150"));
            try {
                consumer.awaitStarted(WAIT);
                consumer.awaitLog("Partition 3 assigned", WAIT);
                try (ReportFeed feed = new ReportFeed(kafka, s.topic(), sent, 20, 100)) {
                    Thread.sleep(2000);
                    consumer.freeze(true);
                    // Three session timeouts: the coordinator expels the member and rebalances without it.
                    Thread.sleep(9000);
                    consumer.freeze(false);
                    Thread.sleep(3000);
                }
                await().atMost(WAIT).until(() -> Reconciliation.drained(s.committed, sent, 4));
                await().atMost(WAIT).until(() -> consumer.log().lines()
                        .filter(l -> l.contains("Partition 0 assigned: reading from offset")).count() >= 2);
            } finally {
                consumer.freeze(false);
                consumer.stop();
            }
            for (int p = 0; p < 4; p++) {
                Reconciliation.assertExactlyOnce(sent, s.committed, p, "frozen consumer");
            }
        }
    }
}
