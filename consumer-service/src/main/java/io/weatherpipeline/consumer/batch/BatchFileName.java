package io.weatherpipeline.consumer.batch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of batch files, as the original course design named them:
 * {@code partition-N-batch-M.parquet}, written first as {@code partition-N-batch-M.parquet.tmp} and
 * renamed when complete.
 *
 * @param partition Kafka partition the rows came from
 * @param batchId batch number within the partition, from 0
 * @param temporary whether this is the {@code .tmp} name of a batch still being written
 */
public record BatchFileName(int partition, long batchId, boolean temporary) {

    private static final Pattern NAME = Pattern.compile("partition-(\\d{1,9})-batch-(\\d{1,18})\\.parquet(\\.tmp)?");

    public BatchFileName {
        if (partition < 0 || batchId < 0) {
            throw new IllegalArgumentException("partition and batch id must not be negative: " + partition + ", " + batchId);
        }
    }

    /** The complete file of batch {@code batchId} of {@code partition}. */
    public static BatchFileName complete(int partition, long batchId) {
        return new BatchFileName(partition, batchId, false);
    }

    /** The name a batch is written under before its rename. */
    public static BatchFileName temporary(int partition, long batchId) {
        return new BatchFileName(partition, batchId, true);
    }

    /** Parses a file name (no directory); empty for any other file. */
    public static Optional<BatchFileName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new BatchFileName(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), m.group(3) != null));
    }

    /** The glob that lists every file of one partition in the data directory. */
    public static String globOf(int partition) {
        return "partition-" + partition + "-batch-*";
    }

    @Override
    public String toString() {
        return "partition-" + partition + "-batch-" + batchId + ".parquet" + (temporary ? ".tmp" : "");
    }
}
