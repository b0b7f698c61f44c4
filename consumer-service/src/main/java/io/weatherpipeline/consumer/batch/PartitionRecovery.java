package io.weatherpipeline.consumer.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides where a partition resumes, from its local checkpoint and the batch files found on HDFS.
 * Pure logic: the caller lists the files and reads footers on demand.
 *
 * <ul>
 * <li>{@code .tmp} files were never committed: they are deleted and their batch is written again.</li>
 * <li>A complete file past the checkpoint whose footer starts exactly at the checkpoint's offset was
 * renamed but not checkpointed (a crash between the two): it is adopted, the checkpoint rolled
 * forward, never written twice.</li>
 * <li>No checkpoint but files: the checkpoint is rebuilt from the footers when they form an unbroken
 * chain from batch 0.</li>
 * <li>Anything else (a missing file below the checkpoint, a file that does not start where the one
 * before ended, a batch id gap, a footer of another partition) is inconsistent: an exception naming
 * the files, never a duplicate or a silent skip.</li>
 * </ul>
 */
public final class PartitionRecovery {

    /** Reads the footer of a complete batch file. */
    @FunctionalInterface
    public interface Footers {
        BatchFooter of(long batchId) throws IOException;
    }

    /**
     * Where to resume and what to repair first.
     *
     * @param resume the checkpoint to continue from (written to disk when {@code checkpointChanged})
     * @param checkpointChanged whether {@code resume} differs from the checkpoint on disk
     * @param adopted batch files taken over from a crash between rename and checkpoint
     * @param temporaryFiles {@code .tmp} files to delete
     * @param rebuilt whether the checkpoint was missing and rebuilt from the footers
     */
    public record Plan(Checkpoint resume, boolean checkpointChanged, List<Long> adopted,
            List<BatchFileName> temporaryFiles, boolean rebuilt) {
    }

    /** The partition's files contradict each other or the checkpoint. */
    public static class InconsistentPartitionException extends RuntimeException {
        public InconsistentPartitionException(String message) {
            super(message);
        }
    }

    private PartitionRecovery() {
    }

    /**
     * @param partition the partition being recovered
     * @param checkpoint the local checkpoint, empty if there is none
     * @param files every batch file of the partition found in the data directory
     */
    public static Plan plan(int partition, Optional<Checkpoint> checkpoint, List<BatchFileName> files, Footers footers)
            throws IOException {
        List<BatchFileName> temporary = new ArrayList<>();
        TreeSet<Long> complete = new TreeSet<>();
        for (BatchFileName f : files) {
            if (f.partition() != partition) {
                throw new IllegalArgumentException(f + " is not a file of partition " + partition);
            }
            if (f.temporary()) {
                temporary.add(f);
            } else {
                complete.add(f.batchId());
            }
        }
        boolean rebuilt = checkpoint.isEmpty() && !complete.isEmpty();
        Checkpoint start = checkpoint.orElse(Checkpoint.INITIAL);

        List<Long> missing = new ArrayList<>();
        for (long b = 0; b <= start.batchId(); b++) {
            if (!complete.contains(b)) {
                missing.add(b);
            }
        }
        if (!missing.isEmpty()) {
            throw new InconsistentPartitionException("Partition " + partition + ": checkpoint " + start.toJson()
                    + " says batches 0.." + start.batchId() + " were written, but " + names(partition, missing)
                    + " are missing from HDFS. Restore them, or move the checkpoint and the files aside to start the"
                    + " partition over.");
        }

        Checkpoint resume = start;
        List<Long> adopted = new ArrayList<>();
        for (long b = start.nextBatchId(); complete.contains(b); b++) {
            BatchFooter footer = footers.of(b);
            String file = BatchFileName.complete(partition, b).toString();
            if (footer.partition() != partition || footer.batchId() != b) {
                throw new InconsistentPartitionException("Partition " + partition + ": " + file + " says in its footer"
                        + " that it is batch " + footer.batchId() + " of partition " + footer.partition() + ".");
            }
            if (footer.startOffset() != resume.offset()) {
                throw new InconsistentPartitionException("Partition " + partition + ": " + file + " holds offsets "
                        + footer.startOffset() + ".." + (footer.nextOffset() - 1) + ", but "
                        + (rebuilt || !adopted.isEmpty() ? "the batch before it ends at " : "checkpoint "
                                + start.toJson() + " says the next batch starts at ")
                        + resume.offset() + (footer.startOffset() > resume.offset() ? " (a gap)." : " (an overlap).")
                        + " Move the file aside if it does not belong to this topic.");
            }
            resume = resume.after(footer.nextOffset());
            adopted.add(b);
        }
        Long beyond = complete.higher(resume.batchId());
        if (beyond != null) {
            throw new InconsistentPartitionException("Partition " + partition + ": "
                    + BatchFileName.complete(partition, beyond) + " exists, but batch " + resume.nextBatchId()
                    + " does not (a gap in batch ids after checkpoint " + resume.toJson() + ").");
        }
        return new Plan(resume, !resume.equals(start) || rebuilt, rebuilt ? List.of() : adopted, temporary, rebuilt);
    }

    private static String names(int partition, List<Long> batches) {
        List<String> names = batches.stream().limit(5).map(b -> BatchFileName.complete(partition, b).toString()).toList();
        return String.join(", ", names) + (batches.size() > 5 ? " and " + (batches.size() - 5) + " more" : "");
    }
}
