package io.weatherpipeline.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.weatherpipeline.consumer.batch.BatchFileName;
import io.weatherpipeline.consumer.batch.Checkpoint;
import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.consumer.writer.FaultInjector;
import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.testsupport.ServiceProcess;
import io.weatherpipeline.testsupport.SharedStack;

/**
 * The packaged consumer as a real process against a real broker and a real HDFS (NameNode + 3
 * DataNodes), killed with SIGKILL at the dangerous moments of a batch and at random moments while
 * data keeps coming; afterwards every partition's committed files are reconciled against what was
 * sent: every record exactly once, in order, the footers chained without gap or overlap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerCrashIT {

    private static final Path WORK = Path.of("target/consumer-it").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration DRAIN = Duration.ofSeconds(120);

    private static String kafka;
    private static LocalStack hdfs;
    private static FileSystem fs;

    @BeforeAll
    static void servers() {
        LocalStack.wipe(WORK);
        // Checkpoints of an earlier run would not match the fresh HDFS (and the consumer would say so).
        LocalStack.deleteTree(WORK);
        kafka = SharedStack.ensure(Server.KAFKA).settings().kafkaBootstrapServers();
        hdfs = SharedStack.ensure(Server.HDFS);
        fs = HdfsFileSystemProducer.connect(hdfs.settings().hdfsUri());
    }

    @AfterAll
    static void close() throws Exception {
        fs.close();
    }

    private static ConsumerScenario scenario(String name) {
        return new ConsumerScenario(name, kafka, hdfs.settings().hdfsUri(), fs, WORK);
    }

    @Order(1)
    @ParameterizedTest(name = "kill -9 {0}")
    @ValueSource(strings = {"during-write", "after-rename", "after-checkpoint"})
    void killNineAtADangerousStepOfABatchThenRestart(String step) throws Exception {
        ConsumerScenario s = scenario("step-" + step);
        ReportProducer.createTopic(kafka, s.topic(), 1);
        List<ReportProducer.Sent> sent = new ArrayList<>();
        try (ReportProducer producer = new ReportProducer(kafka, s.topic(), "it-" + s.name)) {
            sent.addAll(producer.commit(List.of(0), 500));
            producer.abort(List.of(0), 50);
            sent.addAll(producer.commit(List.of(0), 500));

            ServiceProcess first = s.start("first", "0", Map.of(
                    "CONSUMER_FAULT_INJECTION_PAUSE_AT", step, "CONSUMER_FAULT_INJECTION_PAUSE_AT_BATCH", "2"));
            try {
                first.awaitLog(FaultInjector.PAUSED + " at " + step + " of partition 0 batch 2", START);
                // The bad moment, seen from outside the process.
                List<BatchFileName> onHdfs = s.files.list(0);
                long checkpointed = s.checkpoint(0).orElseThrow().batchId();
                switch (step) {
                    case "during-write" -> {
                        assertTrue(onHdfs.contains(BatchFileName.temporary(0, 2)), onHdfs.toString());
                        assertFalse(onHdfs.contains(BatchFileName.complete(0, 2)), onHdfs.toString());
                        assertEquals(1, checkpointed);
                    }
                    case "after-rename" -> {
                        assertTrue(onHdfs.contains(BatchFileName.complete(0, 2)), onHdfs.toString());
                        assertEquals(1, checkpointed, "the checkpoint must not know batch 2 yet");
                    }
                    default -> assertEquals(2, checkpointed);
                }
            } finally {
                first.kill9();
            }
            long seekExpected = s.checkpoint(0).orElseThrow().offset();
            // Data keeps coming while the consumer is dead.
            sent.addAll(producer.commit(List.of(0), 400));

            ServiceProcess second = s.start("second", "0", Map.of());
            try {
                second.awaitStarted(START);
                await().atMost(DRAIN).until(() -> Reconciliation.reached(s.committed, 0, Reconciliation.endOf(sent, 0)));
                assertEquals(seekExpected, ConsumerScenario.lastSeek(second, 0),
                        "the listener seeks the restarted consumer to its checkpoint");
                String log = second.log();
                if (step.equals("during-write")) {
                    assertTrue(log.contains("deleted partition-0-batch-2.parquet.tmp"), "no .tmp clean-up in the log");
                } else if (step.equals("after-rename")) {
                    assertTrue(log.contains("adopted batch file(s) [2]"), "batch 2 was not adopted");
                }
            } finally {
                second.stop();
            }
        }
        Reconciliation.assertExactlyOnce(sent, s.committed, 0, "kill -9 " + step);
        assertFalse(s.files.list(0).stream().anyMatch(BatchFileName::temporary), "a .tmp file was left behind");
    }

    @Order(2)
    @Test
    void twentyKillsAtRandomMomentsWhileDataFlowsLoseAndRepeatNothing() throws Exception {
        ConsumerScenario s = scenario("random-kills");
        ReportProducer.createTopic(kafka, s.topic(), 4);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<ReportProducer.Sent> sent = Collections.synchronizedList(new ArrayList<>());
        try (ReportFeed feed = new ReportFeed(kafka, s.topic(), sent, 25, 200)) {
            for (int kill = 0; kill < 20; kill++) {
                ServiceProcess c = s.start("run-" + kill, "0,1,2,3", Map.of("CONSUMER_FLUSH_MAX_RECORDS", "2000"));
                c.awaitStarted(START);
                Thread.sleep(500 + random.nextInt(5000));
                c.kill9();
            }
        }
        ServiceProcess last = s.start("last", "0,1,2,3", Map.of("CONSUMER_FLUSH_MAX_RECORDS", "2000"));
        try {
            last.awaitStarted(START);
            await().atMost(DRAIN).until(() -> Reconciliation.drained(s.committed, sent, 4));
        } finally {
            last.stop();
        }
        for (int p = 0; p < 4; p++) {
            Reconciliation.assertExactlyOnce(sent, s.committed, p, "20 random kills, seed " + seed);
        }
    }

    @Order(3)
    @Test
    void fourPinnedInstancesSurviveADataNodeLossAndRefuseADoubleClaim() throws Exception {
        ConsumerScenario s = scenario("four");
        ReportProducer.createTopic(kafka, s.topic(), 4);
        List<ReportProducer.Sent> sent = Collections.synchronizedList(new ArrayList<>());
        List<ServiceProcess> consumers = new ArrayList<>();
        try (ReportFeed feed = new ReportFeed(kafka, s.topic(), sent, 20, 200)) {
            for (int p = 0; p < 4; p++) {
                consumers.add(s.start("p" + p, String.valueOf(p), Map.of()));
            }
            for (ServiceProcess c : consumers) {
                c.awaitStarted(START);
            }
            await().atMost(START).until(() -> consumers.stream().allMatch(c -> c.status("/q/health/ready") == 200));

            // Another instance claiming partitions 0 and 1 gets neither, and stops with a clear error.
            ServiceProcess intruder = s.start("intruder", "0,1", Map.of("CONSUMER_CLAIM_TIMEOUT", "4s"));
            await().atMost(START).until(() -> !intruder.isAlive());
            assertEquals(FatalErrors.EXIT_STATUS, intruder.exitCode(), intruder.log());
            assertTrue(intruder.log().contains("partition 0 is held by another consumer of the group"), intruder.log());
            assertFalse(intruder.log().contains("assigned: reading from offset"), "the intruder was given a partition");

            // One DataNode dies mid-run: with replication 3, writing goes on.
            long before = s.checkpoint(0).map(Checkpoint::batchId).orElse(-1L);
            ManagedProcess dataNode = hdfs.processes().stream().filter(p -> p.name().equals("datanode-3")).findFirst()
                    .orElseThrow();
            dataNode.kill();
            await().atMost(DRAIN).until(() -> s.checkpoint(0).map(Checkpoint::batchId).orElse(-1L) >= before + 3);
        }
        await().atMost(DRAIN).until(() -> Reconciliation.drained(s.committed, sent, 4));

        // A restarted instance is sought to its checkpoint.
        consumers.get(2).stop();
        long checkpoint = s.checkpoint(2).orElseThrow().offset();
        ServiceProcess again = s.start("p2-again", "2", Map.of());
        consumers.add(again);
        again.awaitLog("Partition 2 assigned", START);
        assertEquals(checkpoint, ConsumerScenario.lastSeek(again, 2));
        consumers.forEach(ServiceProcess::stop);
        for (int p = 0; p < 4; p++) {
            Reconciliation.assertExactlyOnce(sent, s.committed, p, "four instances, one DataNode lost");
        }
    }
}
