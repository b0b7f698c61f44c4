package io.weatherpipeline.consumer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;

import io.weatherpipeline.consumer.batch.BatchFileName;
import io.weatherpipeline.consumer.batch.BatchFiles;
import io.weatherpipeline.consumer.batch.CheckpointStore;
import io.weatherpipeline.consumer.batch.CommittedBatches;
import io.weatherpipeline.consumer.columns.Reading;
import io.weatherpipeline.pinning.PartitionClaims;

/**
 * A command for readers outside the service ({@code ./weather read}): prints the committed rows of
 * the given partitions as CSV ({@code station_id,date,degrees,partition,batch_id}), reading exactly
 * the files {@code 0..batch_id} of each checkpoint ({@link CommittedBatches}).
 *
 * <pre>
 * ReadCommittedCommand [--hdfs hdfs://localhost:9000] [--data-dir /data] [--checkpoint-dir checkpoints] PARTITION...
 * </pre>
 */
public final class ReadCommittedCommand {

    private ReadCommittedCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; the exit status (0 ok, 1 failure, 2 usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String hdfs = "hdfs://localhost:9000";
        String dataDir = "/data";
        String checkpointDir = "checkpoints";
        List<Integer> partitions = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--hdfs" -> hdfs = args[++i];
                    case "--data-dir" -> dataDir = args[++i];
                    case "--checkpoint-dir" -> checkpointDir = args[++i];
                    default -> partitions.addAll(PartitionClaims.parse("partitions", args[i]));
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            err.println("read: " + (e.getMessage() == null ? "an option lacks its value" : e.getMessage()));
            partitions.clear();
        }
        if (partitions.isEmpty()) {
            err.println("usage: read [--hdfs URI] [--data-dir DIR] [--checkpoint-dir DIR] PARTITION...");
            return 2;
        }
        try (FileSystem fs = HdfsFileSystemProducer.connect(hdfs)) {
            BatchFiles files = new BatchFiles(fs, dataDir, null);
            CommittedBatches committed = new CommittedBatches(files, new CheckpointStore(Path.of(checkpointDir)));
            out.println("station_id,date,degrees,partition,batch_id");
            for (int p : partitions) {
                if (committed.checkpoint(p).isEmpty()) {
                    err.println("read: partition " + p + " has no checkpoint in " + Path.of(checkpointDir).toAbsolutePath()
                            + ": nothing committed yet");
                }
                for (BatchFileName f : committed.files(p)) {
                    for (Reading r : files.rows(f)) {
                        out.println(r.stationId() + "," + LocalDate.ofEpochDay(r.epochDay()) + "," + r.degrees() + ","
                                + p + "," + f.batchId());
                    }
                }
            }
            out.flush();
            return 0;
        } catch (Exception e) {
            err.println("read: " + e.getMessage());
            return 1;
        }
    }
}
