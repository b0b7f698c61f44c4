package io.weatherpipeline.consumer.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import io.weatherpipeline.common.DurableFiles;

/**
 * Checkpoints {@code partition-N.json} on local disk, each replaced atomically and durably: write a
 * temporary file, fsync it, rename it over the old one, fsync the directory. After a crash the file
 * holds either the old checkpoint or the new one, never a torn mix.
 */
public final class CheckpointStore {

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    public Path file(int partition) {
        return dir.resolve(Checkpoint.fileName(partition));
    }

    /**
     * The checkpoint of {@code partition}, empty when there is none.
     *
     * @throws IOException when the file cannot be read or is not a checkpoint (naming the file)
     */
    public Optional<Checkpoint> read(int partition) throws IOException {
        Path file = file(partition);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(Checkpoint.parse(text));
        } catch (IllegalArgumentException e) {
            throw new CorruptCheckpointException(file + " is damaged: " + e.getMessage()
                    + ". Delete it to have it rebuilt from the batch files' footers on HDFS.");
        }
    }

    /** Replaces the checkpoint of {@code partition} atomically and durably ({@link DurableFiles}). */
    public void write(int partition, Checkpoint checkpoint) throws IOException {
        DurableFiles.replace(file(partition), (checkpoint.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A checkpoint file that exists but cannot be parsed. */
    public static class CorruptCheckpointException extends IOException {
        public CorruptCheckpointException(String message) {
            super(message);
        }
    }
}
