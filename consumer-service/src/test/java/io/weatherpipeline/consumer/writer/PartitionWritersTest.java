package io.weatherpipeline.consumer.writer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.consumer.batch.BatchFiles;
import io.weatherpipeline.consumer.batch.BatchFooter;
import io.weatherpipeline.consumer.batch.Checkpoint;
import io.weatherpipeline.consumer.batch.CheckpointStore;
import io.weatherpipeline.consumer.batch.CommittedBatches;
import io.weatherpipeline.proto.Report;

/** What the writers do around a rebalance, with batch files on the local disk instead of HDFS. */
class PartitionWritersTest {

    private static final String TOPIC = "temperatures";

    @TempDir
    Path dir;

    private static List<ConsumerRecord<byte[], byte[]>> records(long from, long to) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (long o = from; o < to; o++) {
            byte[] value = Report.newBuilder().setStationId("StationA").setDate("2001-02-03").setDegrees(o).build()
                    .toByteArray();
            out.add(new ConsumerRecord<>(TOPIC, 0, o, "StationA".getBytes(StandardCharsets.UTF_8), value));
        }
        return out;
    }

    private BatchFiles files;
    private CheckpointStore checkpoints;

    /** Writers of partition 0: a file per 5 records in {@code dir/data}, checkpoints in {@code dir/checkpoints}. */
    private PartitionWriters writers() throws IOException {
        files = new BatchFiles(FileSystem.getLocal(new Configuration()), dir.resolve("data").toString(), null);
        checkpoints = new CheckpointStore(dir.resolve("checkpoints"));
        return new PartitionWriters(TOPIC, Set.of(0), new FlushPolicy(false, 5, Duration.ofHours(1)), files,
                checkpoints, new DeadLetterPublisher("localhost:1", "unused-dlq"), new FaultInjector(Optional.empty(), 0),
                new FatalErrors(false, status -> { }), (p, c) -> {
                }, new SimpleMeterRegistry());
    }

    @Test
    void aRevokedPartitionKeepsItsBufferAndResumesAfterItsLastRecord() throws IOException {
        PartitionWriters writers = writers();

        assertEquals(0, writers.assigned(0));
        writers.write(0, records(0, 4));
        writers.revoked(0);
        assertEquals(Set.of(), writers.held());
        // Polls queued before the revocation still come: taken, but nothing is written while revoked,
        // even past the buffer's limit.
        writers.write(0, records(4, 9));
        assertEquals(Optional.empty(), checkpoints.read(0));

        assertEquals(9, writers.assigned(0), "seek to the offset after the last buffered record");
        writers.write(0, records(3, 10));
        writers.revoked(0);
        List<BatchFooter> footers = new CommittedBatches(files, checkpoints).footers(0);
        assertEquals(1, footers.size(), footers.toString());
        assertEquals(new BatchFooter(TOPIC, 0, 0, 0, 9, 0, 8, 9, List.of()), footers.get(0));
        assertEquals(Optional.of(new Checkpoint(0, 9)), checkpoints.read(0));
    }

    @Test
    void aBatchThatFailedInTheBackgroundIsWrittenAgainAndTheWaitNamesWhatFailed() throws IOException {
        PartitionWriters writers = writers();
        writers.assigned(0);
        writers.write(0, records(0, 5));
        // A plain file where the data directory should be: the next batch fails on the flusher thread.
        Files.writeString(dir.resolve("data"), "in the way");
        writers.write(0, records(5, 6));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            writers.flushDue();
            return writers.waitingFor() != null;
        });
        assertTrue(writers.waitingFor().startsWith("HDFS at " + files.dataDir() + " to write partition 0: "),
                writers.waitingFor());

        Files.delete(dir.resolve("data"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            writers.flushDue();
            return checkpoints.read(0).isPresent();
        });
        writers.revoked(0);
        assertNull(writers.waitingFor());
        assertEquals(List.of(new BatchFooter(TOPIC, 0, 0, 0, 6, 0, 5, 6, List.of())),
                new CommittedBatches(files, checkpoints).footers(0), "the failed batch and the record after it");
    }

    @Test
    void aCheckpointDirectoryInTheWayIsNamedAsSuch() throws IOException {
        PartitionWriters writers = writers();
        writers.assigned(0);
        writers.write(0, records(0, 5));
        Files.writeString(dir.resolve("checkpoints"), "in the way");
        writers.write(0, records(5, 6));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            writers.flushDue();
            return writers.waitingFor() != null;
        });
        assertTrue(writers.waitingFor().startsWith("the checkpoint directory " + checkpoints.dir()
                + " to checkpoint partition 0: "), writers.waitingFor());
    }
}
