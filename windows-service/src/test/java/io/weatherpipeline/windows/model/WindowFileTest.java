package io.weatherpipeline.windows.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class WindowFileTest {

    private static final WindowIds IDS = new WindowIds(120_000, 5_000);
    private static final int DAY = (int) LocalDate.of(2000, 1, 1).toEpochDay();

    private static PartitionWindow part(long id, int partition, Map<String, StationStats> stations) {
        return PartitionWindow.of(id, partition, stations);
    }

    @Test
    void assemblesCountsPerStationAndPartition() {
        StationStats a = StationStats.of(10.5, DAY).plus(12.5, DAY + 1).plus(8.0, DAY + 2);
        StationStats c = StationStats.of(-3.25, DAY + 5);
        WindowFile w = WindowFile.assemble(IDS, 14_723_000, 4,
                List.of(part(14_723_000, 2, Map.of("StationC", c)), part(14_723_000, 0, Map.of("StationA", a))));
        assertEquals(4, w.total());
        assertEquals(Map.of(0, 3L, 1, 0L, 2, 1L, 3, 0L), w.partitions());
        WindowFile.Station sa = w.stations().get("StationA");
        assertEquals(3, sa.count());
        assertEquals(8.0, sa.min());
        assertEquals(12.5, sa.max());
        assertEquals(31.0 / 3, sa.avg());
        assertEquals(LocalDate.of(2000, 1, 1), sa.firstDate());
        assertEquals(LocalDate.of(2000, 1, 3), sa.lastDate());
        assertEquals(IDS.start(14_723_000), w.start());
        assertEquals(IDS.end(14_723_000), w.end());
    }

    @Test
    void jsonIsCanonicalAndRoundTrips() throws IOException {
        WindowFile w = WindowFile.assemble(IDS, 7, 2, List.of(
                part(7, 1, Map.of("StationB", StationStats.of(0.1, DAY).plus(0.2, DAY + 1))),
                part(7, 0, Map.of("StationA", StationStats.of(15.0625, DAY)))));
        String json = w.toJson();
        assertEquals("{\"id\":7,\"start\":\"1970-01-01T00:14:00Z\",\"end\":\"1970-01-01T00:16:00Z\",\"total\":3,"
                + "\"partitions\":{\"0\":1,\"1\":2},\"stations\":{"
                + "\"StationA\":{\"count\":1,\"min\":15.0625,\"max\":15.0625,\"avg\":15.0625,\"first_date\":\"2000-01-01\",\"last_date\":\"2000-01-01\"},"
                + "\"StationB\":{\"count\":2,\"min\":0.1,\"max\":0.2,\"avg\":0.15000000000000002,\"first_date\":\"2000-01-01\",\"last_date\":\"2000-01-02\"}}}",
                json);
        WindowFile back = WindowFile.parse(json);
        assertEquals(w, back);
        assertEquals(json, back.toJson());
    }

    @Test
    void theOrderPartsArriveInChangesNoByte() {
        Random random = new Random(544);
        List<PartitionWindow> parts = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            StationStats s = StationStats.of(random.nextGaussian() * 10, DAY);
            for (int i = 0; i < 50; i++) {
                s = s.plus(random.nextGaussian() * 10, DAY + i);
            }
            // one station in two partitions: its sum is then added across parts, in partition order
            parts.add(part(3, p, Map.of("Station" + p, s, "Shared", StationStats.of(p * 1.1, DAY + p))));
        }
        String first = WindowFile.assemble(IDS, 3, 4, parts).toJson();
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(parts, random);
            assertEquals(first, WindowFile.assemble(IDS, 3, 4, parts).toJson());
        }
    }

    @Test
    void refusesPartsThatDoNotBelong() {
        assertThrows(IllegalArgumentException.class, () -> WindowFile.assemble(IDS, 3, 2,
                List.of(part(4, 0, Map.of("A", StationStats.of(1, DAY))))));
        assertThrows(IllegalArgumentException.class, () -> WindowFile.assemble(IDS, 3, 2,
                List.of(part(3, 0, Map.of("A", StationStats.of(1, DAY))), part(3, 0, Map.of("B", StationStats.of(1, DAY))))));
    }

    @Test
    void parseNamesWhatIsWrong() {
        IOException e = assertThrows(IOException.class, () -> WindowFile.parse("{\"id\":1,\"total\":"));
        assertTrue(e.getMessage().startsWith("not a window file"), e.getMessage());
        IOException sum = assertThrows(IOException.class, () -> WindowFile.parse(
                "{\"id\":1,\"start\":\"1970-01-01T00:02:00Z\",\"end\":\"1970-01-01T00:04:00Z\",\"total\":5,"
                        + "\"partitions\":{\"0\":4},\"stations\":{}}"));
        assertTrue(sum.getMessage().contains("partition counts add up to 4, total is 5"), sum.getMessage());
    }

    @Test
    void fileNamesAndIds() {
        assertEquals("window-14723.json", WindowFile.fileName(14723));
        assertEquals(14723, WindowFile.idOf("window-14723.json"));
        assertEquals(-1, WindowFile.idOf(".window-14723.json.tmp-x"));
        assertEquals(-1, WindowFile.idOf("window-.json"));
        assertEquals(-1, WindowFile.idOf("window--3.json"));
        assertEquals(-1, WindowFile.idOf("partition-0.json"));
    }
}
