package io.weatherpipeline.consumer.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    @Test
    void aRevokedPartitionKeepsItsBufferAndResumesAfterItsLastRecord() throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        BatchFiles files = new BatchFiles(fs, dir.resolve("data").toString(), null);
        CheckpointStore checkpoints = new CheckpointStore(dir.resolve("checkpoints"));
        PartitionWriters writers = new PartitionWriters(TOPIC, Set.of(0), new FlushPolicy(false, 5, Duration.ofHours(1)),
                files, "file:///", checkpoints, new DeadLetterPublisher("localhost:1", "unused-dlq"),
                new FaultInjector(Optional.empty(), 0), new FatalErrors(false), (p, c) -> {
                }, new SimpleMeterRegistry());

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
}
