package io.weatherpipeline.consumer.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** File names, the checkpoint format and footers. */
class BatchNamingAndFormatsTest {

    @Test
    void fileNamesAreThoseOfTheOriginalCourseDesign() {
        assertEquals("partition-2-batch-0.parquet", BatchFileName.complete(2, 0).toString());
        assertEquals("partition-2-batch-17.parquet.tmp", BatchFileName.temporary(2, 17).toString());
        assertEquals(Optional.of(BatchFileName.complete(3, 12)), BatchFileName.parse("partition-3-batch-12.parquet"));
        assertEquals(Optional.of(BatchFileName.temporary(0, 9)), BatchFileName.parse("partition-0-batch-9.parquet.tmp"));
        for (String other : List.of("partition-3-batch-12.parquet.bak", "partition--1-batch-0.parquet", "x.parquet",
                "partition-3-batch-.parquet", "partition-3-batch-1.parquet.tmp.tmp", "partition-a-batch-1.parquet")) {
            assertEquals(Optional.empty(), BatchFileName.parse(other), other);
        }
        assertThrows(IllegalArgumentException.class, () -> BatchFileName.complete(-1, 0));
    }

    @Test
    void checkpointIsTheJsonOfTheOriginalCourseDesign() {
        assertEquals("{\"batch_id\": 4, \"offset\": 1200}", new Checkpoint(4, 1200).toJson());
        assertEquals(new Checkpoint(4, 1200), Checkpoint.parse("{\"batch_id\": 4, \"offset\": 1200}"));
        assertEquals(new Checkpoint(0, 7), Checkpoint.parse(" {\"batch_id\":0,\"offset\":7}\n"));
        assertEquals("partition-3.json", Checkpoint.fileName(3));
        assertEquals(new Checkpoint(0, 50), Checkpoint.INITIAL.after(50));
        assertEquals(0, Checkpoint.INITIAL.nextBatchId());
        for (String bad : List.of("", "{}", "{\"batch_id\": 1}", "{\"offset\": 1, \"batch_id\": 1} x",
                "{\"batch_id\": 1, \"offset\": -3}", "{\"batch_id\": \"1\", \"offset\": 3}", "{\"batch_id\": 1, \"off")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse(bad), bad);
            assertTrue(e.getMessage().contains("not a checkpoint"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(3, 100).after(99));
    }

    @Test
    void footerRoundTripsThroughParquetMetadata() {
        BatchFooter f = new BatchFooter("temperatures", 1, 5, 100, 250, 101, 249, 140, List.of(120L, 121L));
        Map<String, String> meta = f.toMetadata();
        assertEquals("120,121", meta.get("weather.dead_lettered_offsets"));
        assertEquals(f, BatchFooter.fromMetadata(meta));
        BatchFooter clean = new BatchFooter("temperatures", 0, 0, 0, 10, 0, 9, 10, List.of());
        assertEquals(clean, BatchFooter.fromMetadata(clean.toMetadata()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchFooter.fromMetadata(Map.of("weather.topic", "t")));
        assertTrue(e.getMessage().contains("weather.dead_lettered_offsets") || e.getMessage().contains("weather.partition"),
                e.getMessage());
    }
}
