package io.weatherpipeline.stats.model;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import io.weatherpipeline.common.DurableFiles;

/**
 * The statistics files {@code partition-N.json} of a local directory, each replaced atomically and
 * durably ({@link DurableFiles}), so a crash leaves the old statistics with the old offset or the
 * new ones with the new offset. The directory must be the service's own: the consumer-service's
 * checkpoints have the same names.
 *
 * <p>Thread-safe for different partitions; each partition's file is written by its writer thread
 * only. Readers on other threads see a whole file, old or new, never a torn one.
 */
public final class StatsStore {

    private final Path dir;

    public StatsStore(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    public Path file(int partition) {
        return dir.resolve(StatsFile.fileName(partition));
    }

    /**
     * The statistics of {@code partition}, empty when it has no file yet.
     *
     * @throws DamagedStatsFileException naming the file, when it exists but is not that partition's statistics
     * @throws IOException when it cannot be read
     */
    public Optional<PartitionStats> read(int partition) throws IOException {
        Path file = file(partition);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CharacterCodingException e) {
            throw new DamagedStatsFileException(file, "not UTF-8 text");
        }
        try {
            return Optional.of(StatsFile.parse(text, partition));
        } catch (IllegalArgumentException e) {
            throw new DamagedStatsFileException(file, e.getMessage());
        }
    }

    /**
     * The statistics of every partition that has a file, by partition; empty when the directory does
     * not exist yet.
     *
     * @throws DamagedStatsFileException naming the first damaged file
     */
    public List<PartitionStats> readAll() throws IOException {
        List<Integer> partitions = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                OptionalInt p = StatsFile.partitionOf(f.getFileName().toString());
                if (p.isPresent()) {
                    partitions.add(p.getAsInt());
                }
            });
        } catch (NoSuchFileException e) {
            return List.of();
        }
        partitions.sort(Comparator.naturalOrder());
        List<PartitionStats> all = new ArrayList<>();
        for (int p : partitions) {
            // Files are replaced, never deleted, so a listed file is still there.
            read(p).ifPresent(all::add);
        }
        return all;
    }

    /** Replaces the file of {@code stats.partition()} atomically and durably. */
    public void write(PartitionStats stats) throws IOException {
        write(stats, null);
    }

    /**
     * {@link #write(PartitionStats)}, running {@code beforeRename} once the new content is durable in
     * the temporary file and before it replaces the old one (tests crash there); null for nothing.
     */
    public void write(PartitionStats stats, Runnable beforeRename) throws IOException {
        byte[] content = (StatsFile.toJson(stats) + "\n").getBytes(StandardCharsets.UTF_8);
        DurableFiles.replace(file(stats.partition()), content, beforeRename);
    }

    /** A statistics file that exists but cannot be used; it is never silently reset. */
    public static class DamagedStatsFileException extends IOException {
        public DamagedStatsFileException(Path file, String problem) {
            super(file + " is damaged: " + problem + ". Restore it from a backup, or delete it to rebuild the"
                    + " partition's statistics from offset 0 (complete only while the topic still holds every"
                    + " record from offset 0).");
        }
    }
}
