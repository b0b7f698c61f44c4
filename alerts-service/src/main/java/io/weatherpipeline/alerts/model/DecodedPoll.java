package io.weatherpipeline.alerts.model;

import java.util.List;

/**
 * One poll's records, decoded: per partition, the offsets read (in order), and among them the alerts
 * and the poison values. {@code generation} is the consumer group generation the poll was fetched in,
 * which tells records fetched before the latest seek from those after it.
 */
public record DecodedPoll(int generation, List<PartitionRecords> partitions) {

    /**
     * The records of one partition in one poll; {@code offsets} ascending, alerts and poison among them.
     * {@code next} is the consumer's position after the poll: past the last record, and past any
     * transaction marker or aborted record the consumer skipped after it.
     */
    public record PartitionRecords(int partition, long[] offsets, long next, List<Alert> alerts, List<Poison> poison) {

        public PartitionRecords {
            if (offsets.length == 0) {
                throw new IllegalArgumentException("partition " + partition + ": a poll's partition has records");
            }
            if (next <= offsets[offsets.length - 1]) {
                throw new IllegalArgumentException("partition " + partition + ": next offset " + next
                        + " is not past the last record " + offsets[offsets.length - 1]);
            }
        }

        /** Index of the first offset at or after {@code from}, or {@code offsets.length} when none is. */
        int firstIndexFrom(long from) {
            int i = 0;
            while (i < offsets.length && offsets[i] < from) {
                i++;
            }
            return i;
        }
    }

    public DecodedPoll {
        partitions = List.copyOf(partitions);
    }

    /** Records in the poll, all partitions together. */
    public int records() {
        int n = 0;
        for (PartitionRecords p : partitions) {
            n += p.offsets().length;
        }
        return n;
    }
}
