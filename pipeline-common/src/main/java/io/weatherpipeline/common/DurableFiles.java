package io.weatherpipeline.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small local file (a checkpoint, a statistics file) atomically and durably: write
 * {@code <name>.tmp}, fsync it, rename it over the old file, fsync the directory. After a crash at
 * any instant the file holds the old content or the new one, never a torn mix; a leftover
 * {@code .tmp} is harmless and overwritten by the next replace.
 */
public final class DurableFiles {

    /** Suffix of the temporary file written before the rename. */
    public static final String TEMP_SUFFIX = ".tmp";

    private DurableFiles() {
    }

    /** The temporary file {@link #replace} writes before renaming it over {@code file}. */
    public static Path tempFileOf(Path file) {
        return file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
    }

    /**
     * Replaces {@code file} with {@code content}, creating its directory if needed.
     *
     * @param beforeRename runs after the temporary file is durable and before the rename (tests
     *     use it to crash at that instant); {@code null} for nothing
     * @throws IOException naming the directory when it cannot replace files atomically
     */
    public static void replace(Path file, byte[] content, Runnable beforeRename) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = tempFileOf(file);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        if (beforeRename != null) {
            beforeRename.run();
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The directory " + dir + " cannot replace files atomically", e);
        }
        // The rename itself is durable only once the directory is.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** {@link #replace(Path, byte[], Runnable)} with nothing between write and rename. */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(file, content, null);
    }
}
