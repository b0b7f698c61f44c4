package io.weatherpipeline.consumer.batch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkpoint of one partition, {@code partition-N.json}: {@code {"batch_id": M, "offset": O}},
 * the format of the original course design. Batch M is the last batch file written for the partition
 * and O the offset of the first record not in any batch file, so a restarted consumer seeks to O and
 * writes batch M+1.
 *
 * @param batchId last batch written, -1 before the first
 * @param offset next offset to read
 */
public record Checkpoint(long batchId, long offset) {

    /** Where a partition with no checkpoint and no files starts: batch 0 from offset 0. */
    public static final Checkpoint INITIAL = new Checkpoint(-1, 0);

    private static final Pattern JSON = Pattern.compile(
            "\\s*\\{\\s*\"batch_id\"\\s*:\\s*(-?\\d{1,18})\\s*,\\s*\"offset\"\\s*:\\s*(\\d{1,19})\\s*}\\s*");

    public Checkpoint {
        if (batchId < -1 || offset < 0) {
            throw new IllegalArgumentException("not a checkpoint: batch_id " + batchId + ", offset " + offset);
        }
    }

    /** The checkpoint's file name for {@code partition}. */
    public static String fileName(int partition) {
        return "partition-" + partition + ".json";
    }

    /** The batch id the next file gets. */
    public long nextBatchId() {
        return batchId + 1;
    }

    /** The checkpoint after batch {@code nextBatchId()} covering offsets up to {@code nextOffset} was written. */
    public Checkpoint after(long nextOffset) {
        if (nextOffset < offset) {
            throw new IllegalArgumentException("a batch cannot end at " + nextOffset + " before it starts at " + offset);
        }
        return new Checkpoint(nextBatchId(), nextOffset);
    }

    public String toJson() {
        return "{\"batch_id\": " + batchId + ", \"offset\": " + offset + "}";
    }

    /**
     * Parses a checkpoint file's content.
     *
     * @throws IllegalArgumentException naming what was found, when it is not a checkpoint
     */
    public static Checkpoint parse(String json) {
        Matcher m = JSON.matcher(json);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint {\"batch_id\": M, \"offset\": O}: '"
                    + (json.length() > 200 ? json.substring(0, 200) + "…" : json) + "'");
        }
        return new Checkpoint(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }
}
