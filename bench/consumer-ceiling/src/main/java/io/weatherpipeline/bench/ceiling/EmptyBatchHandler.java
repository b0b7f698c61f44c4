package io.weatherpipeline.bench.ceiling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.weatherpipeline.consumer.BatchConsumer;
import io.weatherpipeline.consumer.ConsumerConfig;

/**
 * Takes consumer-service's channel in place of {@link BatchConsumer} (same {@code @Incoming}, same {@code @Blocking}
 * worker, one poll at a time) and does no work with the records: no decoding, no Parquet, no HDFS. After each poll
 * it only writes each partition's next offset to {@code partition-N.json} in the checkpoint directory, the way
 * consumer-service's checkpoints hold it, so that the benchmark's drain meter sees the drain end. Runs on the
 * channel's worker thread; starts no thread of its own.
 */
@ApplicationScoped
public class EmptyBatchHandler {

    private final Path checkpoints;

    EmptyBatchHandler(ConsumerConfig config) {
        try {
            this.checkpoints = Files.createDirectories(Path.of(config.checkpointDir()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint directory " + config.checkpointDir(), e);
        }
    }

    @Incoming(BatchConsumer.CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> records) throws IOException {
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            long next = list.get(list.size() - 1).offset() + 1;
            Path tmp = checkpoints.resolve("partition-" + tp.partition() + ".json.tmp");
            Files.writeString(tmp, "{\"batch_id\": 0, \"offset\": " + next + "}");
            Files.move(tmp, checkpoints.resolve("partition-" + tp.partition() + ".json"), StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
