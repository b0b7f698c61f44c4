package io.weatherpipeline.stats.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weatherpipeline.common.DurableFiles;

/** partition-N.json files in a directory: absent, written, listed, damaged, and a crash before the rename. */
class StatsStoreTest {

    @TempDir
    Path dir;

    @Test
    void aPartitionWithoutAFileHasNoStatistics() throws IOException {
        StatsStore store = new StatsStore(dir.resolve("not-yet"));
        assertEquals(Optional.empty(), store.read(0));
        assertEquals(List.of(), store.readAll());
    }

    @Test
    void whatIsWrittenIsReadBack() throws IOException {
        StatsStore store = new StatsStore(dir.resolve("stats"));
        PartitionStats stats = new PartitionStats(2);
        stats.apply("StationC", "2000-01-01", 3.25);
        stats.apply("StationC", "2000-01-02", 4.5);
        stats.advanceTo(2);
        store.write(stats);

        assertEquals(dir.resolve("stats").resolve("partition-2.json").toAbsolutePath(), store.file(2));
        assertTrue(Files.readString(store.file(2)).startsWith("{\"partition\":2,\"offset\":2,"));
        PartitionStats read = store.read(2).orElseThrow();
        assertEquals(StatsFile.toJson(stats), StatsFile.toJson(read));
        assertEquals(Optional.empty(), store.read(1));
    }

    @Test
    void readAllTakesWhicheverPartitionFilesExist() throws IOException {
        StatsStore store = new StatsStore(dir);
        for (int p : new int[] {3, 0}) {
            PartitionStats stats = new PartitionStats(p);
            stats.apply("Station" + p, "2001-01-01", p);
            stats.advanceTo(p + 1);
            store.write(stats);
        }
        // Neighbours that are not statistics files: a leftover temporary file, the chart, other names.
        Files.writeString(dir.resolve("partition-1.json.tmp"), "{\"partition\": 1, \"off");
        Files.writeString(dir.resolve("month.svg"), "<svg/>");
        Files.writeString(dir.resolve("partition-x.json"), "?");
        Files.createDirectory(dir.resolve("old"));

        List<PartitionStats> all = store.readAll();
        assertEquals(List.of(0, 3), all.stream().map(PartitionStats::partition).toList());
        assertEquals(List.of(1L, 4L), all.stream().map(PartitionStats::nextOffset).toList());
        assertEquals(List.of("Station3"), all.get(1).stations());
    }

    @Test
    void aDamagedFileIsNamedNeverReset() throws IOException {
        StatsStore store = new StatsStore(dir);
        Files.writeString(store.file(1), "{\"partition\": 1, \"offset\": ");
        StatsStore.DamagedStatsFileException e = assertThrows(StatsStore.DamagedStatsFileException.class,
                () -> store.read(1));
        assertTrue(e.getMessage().startsWith(store.file(1) + " is damaged: not JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it to rebuild"), e.getMessage());
        assertThrows(StatsStore.DamagedStatsFileException.class, store::readAll);

        // Another partition's statistics under this partition's name.
        Files.writeString(store.file(1), StatsFile.toJson(new PartitionStats(2)));
        e = assertThrows(StatsStore.DamagedStatsFileException.class, () -> store.read(1));
        assertTrue(e.getMessage().contains("partition-1.json is damaged: \"partition\" is 2 in the file of partition 1"),
                e.getMessage());

        Files.write(store.file(1), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        e = assertThrows(StatsStore.DamagedStatsFileException.class, () -> store.read(1));
        assertTrue(e.getMessage().contains("partition-1.json is damaged: not UTF-8 text"), e.getMessage());
    }

    @Test
    void aCrashBeforeTheRenameLeavesTheOldStatisticsAndOffset() throws IOException {
        StatsStore store = new StatsStore(dir);
        PartitionStats stats = new PartitionStats(0);
        stats.apply("StationA", "2000-01-01", 1.0);
        stats.advanceTo(1);
        store.write(stats);
        String before = Files.readString(store.file(0), StandardCharsets.UTF_8);

        stats.apply("StationA", "2000-01-02", 2.0);
        stats.advanceTo(2);
        RuntimeException crash = new RuntimeException("crash");
        assertEquals(crash, assertThrows(RuntimeException.class, () -> store.write(stats, () -> {
            throw crash;
        })));
        assertEquals(before, Files.readString(store.file(0), StandardCharsets.UTF_8));
        assertEquals(1, store.read(0).orElseThrow().nextOffset());
        assertTrue(Files.exists(DurableFiles.tempFileOf(store.file(0))), "the new content stayed in the temporary file");
        assertEquals(List.of(0), store.readAll().stream().map(PartitionStats::partition).toList());

        store.write(stats);
        assertEquals(2, store.read(0).orElseThrow().nextOffset());
    }
}
