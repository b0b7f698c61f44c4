package io.weatherpipeline.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.consumer.batch.Checkpoint;
import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.testsupport.ServiceProcess;
import io.weatherpipeline.testsupport.SharedStack;

/**
 * HDFS (NameNode and DataNode) down when the packaged consumer starts, again in the middle of the
 * run, and once more while the last records wait for their age flush: the consumer says on readiness
 * what it waits for, retries, and once HDFS is back has written every record exactly once. Then its
 * checkpoint is deleted and rebuilt from the footers.
 */
class HdfsOutageIT {

    private static final Path WORK = Path.of("target/consumer-outage-it").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void hdfsDownAtStartAndMidRunIsWaitedForAndNothingIsLostOrDoubled() throws Exception {
        LocalStack.deleteTree(WORK);
        String kafka = SharedStack.ensure(Server.KAFKA).settings().kafkaBootstrapServers();
        StackSettings hdfsOnly = new StackSettings(WORK.resolve("hdfs"), Set.of(Server.HDFS), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), Ports.free(), 1, "weather", "weather", "weather");
        FileSystem fs = HdfsFileSystemProducer.connect(hdfsOnly.hdfsUri());
        ConsumerScenario s = new ConsumerScenario("outage", kafka, hdfsOnly.hdfsUri(), fs, WORK);
        ReportProducer.createTopic(kafka, s.topic(), 4);
        List<ReportProducer.Sent> sent = Collections.synchronizedList(new ArrayList<>());
        try (ReportProducer producer = new ReportProducer(kafka, s.topic(), "it-outage-first")) {
            sent.addAll(producer.commit(List.of(0, 1, 2, 3), 300));
        }
        ServiceProcess consumer = s.start("c", "0,1,2,3", Map.of());
        LocalStack hdfs = null;
        try {
            consumer.awaitStarted(WAIT);
            awaitWaitingForHdfs(consumer);

            hdfs = LocalStack.start(hdfsOnly);
            await().atMost(WAIT).until(() -> Reconciliation.drained(s.committed, sent, 4));
            assertEquals(200, consumer.status("/q/health/ready"), consumer.body("/q/health/ready"));

            try (ReportFeed feed = new ReportFeed(kafka, s.topic(), sent, 20, 200)) {
                Thread.sleep(2000);
                hdfs.close();
                hdfs = null;
                awaitWaitingForHdfs(consumer);
                Thread.sleep(3000);
                hdfs = LocalStack.start(hdfsOnly);
                Thread.sleep(2000);
            }
            await().atMost(WAIT).until(() -> Reconciliation.drained(s.committed, sent, 4));
            assertTrue(consumer.log().contains("Writing again"), "no recovery logged");

            // HDFS down while the last records wait for their age flush, and nothing comes after them:
            // the write fails in the background, and the flush timer alone notices and retries it.
            hdfs.close();
            hdfs = null;
            try (ReportProducer producer = new ReportProducer(kafka, s.topic(), "it-outage-last")) {
                sent.addAll(producer.commit(List.of(0, 1, 2, 3), 50));
            }
            awaitWaitingForHdfs(consumer);
            Thread.sleep(2000);
            hdfs = LocalStack.start(hdfsOnly);
            await().atMost(WAIT).until(() -> Reconciliation.drained(s.committed, sent, 4));
            assertEquals(200, consumer.status("/q/health/ready"), consumer.body("/q/health/ready"));
            consumer.stop();
            for (int p = 0; p < 4; p++) {
                Reconciliation.assertExactlyOnce(sent, s.committed, p, "HDFS outage");
            }

            // A lost checkpoint is rebuilt from the footers, and nothing is written twice.
            Checkpoint before = s.checkpoint(1).orElseThrow();
            Files.delete(s.checkpoints().resolve(Checkpoint.fileName(1)));
            ServiceProcess again = s.start("again", "0,1,2,3", Map.of());
            try {
                again.awaitLog("checkpoint " + s.checkpoints().resolve(Checkpoint.fileName(1))
                        + " was missing; rebuilt from the footers", WAIT);
                assertEquals(before, s.checkpoint(1).orElseThrow());
            } finally {
                again.stop();
            }
            Reconciliation.assertExactlyOnce(sent, s.committed, 1, "rebuilt checkpoint");
        } finally {
            consumer.stop();
            if (hdfs != null) {
                hdfs.close();
            }
            fs.close();
        }
    }

    private static void awaitWaitingForHdfs(ServiceProcess consumer) {
        await().atMost(WAIT).until(() -> consumer.status("/q/health/ready") == 503
                && consumer.body("/q/health/ready").contains("HDFS at " + "hdfs://localhost:"));
    }
}
