package io.weatherpipeline.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("sub/partition-0.json");
        DurableFiles.replace(file, "one".getBytes(StandardCharsets.UTF_8));
        DurableFiles.replace(file, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("two", Files.readString(file));
        assertFalse(Files.exists(DurableFiles.tempFileOf(file)));
    }

    @Test
    void aCrashBeforeTheRenameLeavesTheOldContent() throws IOException {
        Path file = dir.resolve("partition-1.json");
        DurableFiles.replace(file, "old".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalStateException.class, () -> DurableFiles.replace(file,
                "new".getBytes(StandardCharsets.UTF_8), () -> {
                    throw new IllegalStateException("crash");
                }));
        assertEquals("old", Files.readString(file));
        assertEquals("new", Files.readString(DurableFiles.tempFileOf(file)));
        DurableFiles.replace(file, "newer".getBytes(StandardCharsets.UTF_8));
        assertEquals("newer", Files.readString(file));
    }
}
