package io.weatherpipeline.consumer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileSystem;

import io.weatherpipeline.consumer.batch.BatchFiles;
import io.weatherpipeline.consumer.batch.Checkpoint;
import io.weatherpipeline.consumer.batch.CheckpointStore;
import io.weatherpipeline.consumer.batch.CommittedBatches;
import io.weatherpipeline.testsupport.ServiceProcess;

/**
 * One process-level test scenario: its own topic, consumer group, HDFS data directory and local
 * checkpoint directory, and packaged consumers started against them.
 */
final class ConsumerScenario {

    private static final Pattern SEEK = Pattern.compile("Partition (\\d+) assigned: reading from offset (\\d+)");

    final String name;
    final String kafka;
    final String hdfsUri;
    final Path work;
    final CommittedBatches committed;
    final BatchFiles files;

    ConsumerScenario(String name, String kafka, String hdfsUri, FileSystem fs, Path workRoot) {
        this.name = name;
        this.kafka = kafka;
        this.hdfsUri = hdfsUri;
        this.work = workRoot.resolve(name);
        this.files = new BatchFiles(fs, dataDir(), null);
        this.committed = new CommittedBatches(files, new CheckpointStore(checkpoints()));
    }

    String topic() {
        return "it-" + name;
    }

    String dataDir() {
        return "/it/" + name + "/data";
    }

    Path checkpoints() {
        return work.resolve("checkpoints");
    }

    /** Starts a consumer owning {@code partitions}; {@code extra} adds or overrides settings. */
    ServiceProcess start(String instance, String partitions, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("CONSUMER_HDFS_URI", hdfsUri);
        env.put("CONSUMER_PARTITIONS", partitions);
        env.put("CONSUMER_TOPIC", topic());
        env.put("CONSUMER_HDFS_DATA_DIR", dataDir());
        env.put("CONSUMER_CHECKPOINT_DIR", checkpoints().toString());
        env.put("CONSUMER_DEAD_LETTER_TOPIC", topic() + "-dlq");
        env.put("CONSUMER_FLUSH_MAX_RECORDS", "300");
        env.put("CONSUMER_FLUSH_MAX_AGE", "1s");
        env.put("MP_MESSAGING_INCOMING_TEMPERATURES_GROUP_ID", "it-" + name);
        // A killed member leaves the group after 3 s instead of 10 s: restarts get their partitions sooner.
        env.put("MP_MESSAGING_INCOMING_TEMPERATURES_SESSION_TIMEOUT_MS", "3000");
        env.put("MP_MESSAGING_INCOMING_TEMPERATURES_HEARTBEAT_INTERVAL_MS", "500");
        env.putAll(extra);
        return ServiceProcess.start(name + "-" + instance, env, work);
    }

    /** The checkpoint of {@code partition} on disk now. */
    Optional<Checkpoint> checkpoint(int partition) throws IOException {
        return committed.checkpoint(partition);
    }

    /** The offset a consumer's log says it sought {@code partition} to, last time; -1 if none. */
    static long lastSeek(ServiceProcess consumer, int partition) {
        Matcher m = SEEK.matcher(consumer.log());
        long found = -1;
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == partition) {
                found = Long.parseLong(m.group(2));
            }
        }
        return found;
    }
}
