package io.weatherpipeline.stats.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The partition-N.json format: key order, precision, the round trip and damaged files. */
class StatsFileTest {

    private static final String ENTRY = "{\"count\": 2, \"sum\": 3.0, \"avg\": 1.5, \"start\": \"2000-01-01\","
            + " \"end\": \"2000-01-02\"}";

    @Test
    void fileNamesAreTheSeeds() {
        assertEquals("partition-2.json", StatsFile.fileName(2));
        assertEquals(OptionalInt.of(2), StatsFile.partitionOf("partition-2.json"));
        assertEquals(OptionalInt.of(0), StatsFile.partitionOf("partition-0.json"));
        assertEquals(OptionalInt.of(13), StatsFile.partitionOf("partition-13.json"));
        for (String other : List.of("partition-2.json.tmp", "partition-02.json", "partition--1.json", "partition-.json",
                "partition-x.json", "partition-2-batch-0.parquet", "month.svg", "partition-99999999999.json")) {
            assertEquals(OptionalInt.empty(), StatsFile.partitionOf(other), other);
        }
        assertThrows(IllegalArgumentException.class, () -> StatsFile.fileName(-1));
    }

    @Test
    void monthNamesAreEnglishAndFull() {
        assertEquals("January", StatsFile.monthName(Month.JANUARY));
        assertEquals(Month.SEPTEMBER, StatsFile.monthNamed("September"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatsFile.monthNamed("JANUARY"));
        assertTrue(e.getMessage().contains("'JANUARY'"), e.getMessage());
    }

    @Test
    void anEmptyPartitionIsItsNumberAndOffsetZero() {
        assertEquals("{\"partition\":3,\"offset\":0}", StatsFile.toJson(new PartitionStats(3)));
        PartitionStats parsed = StatsFile.parse("{\"partition\": 3, \"offset\": 0}", 3);
        assertEquals(3, parsed.partition());
        assertEquals(0, parsed.nextOffset());
        assertEquals(List.of(), parsed.stations());
    }

    @Test
    void keysComeInTheIssuesOrder() {
        PartitionStats stats = new PartitionStats(2);
        // Station E first and December 1999 before January 2000: the file sorts them anyway.
        stats.apply("StationE", "1999-12-31", 1.0);
        stats.apply("StationE", "2000-01-01", 2.0);
        stats.apply("StationC", "2000-01-01", 3.0);
        stats.apply("StationC", "2000-01-02", 0.1);
        stats.apply("StationC", "2000-01-03", 0.2);
        stats.apply("StationC", "2000-02-01", -4.0);
        stats.advanceTo(4117);
        assertEquals("{\"partition\":2,\"offset\":4117,"
                + "\"StationC\":{"
                + "\"January\":{\"2000\":{\"count\":3,\"sum\":3.3000000000000003,\"avg\":1.1,"
                + "\"start\":\"2000-01-01\",\"end\":\"2000-01-03\"}},"
                + "\"February\":{\"2000\":{\"count\":1,\"sum\":-4.0,\"avg\":-4.0,"
                + "\"start\":\"2000-02-01\",\"end\":\"2000-02-01\"}}},"
                + "\"StationE\":{"
                + "\"January\":{\"2000\":{\"count\":1,\"sum\":2.0,\"avg\":2.0,\"start\":\"2000-01-01\",\"end\":\"2000-01-01\"}},"
                + "\"December\":{\"1999\":{\"count\":1,\"sum\":1.0,\"avg\":1.0,\"start\":\"1999-12-31\",\"end\":\"1999-12-31\"}}}}",
                StatsFile.toJson(stats));
    }

    @Test
    void theIssuesExampleParses() {
        String example = """
                {"partition": 2, "offset": 4117,
                 "StationC": {"January": {"2000": {"count": 31, "sum": 101.2, "avg": 3.2645,
                                                   "start": "2000-01-01", "end": "2000-01-31"}}}}
                """;
        PartitionStats stats = StatsFile.parse(example, 2);
        assertEquals(4117, stats.nextOffset());
        MonthStats january = stats.month("StationC", Month.JANUARY, 2000).orElseThrow();
        assertEquals(31, january.count());
        assertEquals(101.2, january.sum());
        assertEquals(Optional.of(LocalDate.of(2000, 1, 31)), stats.lastDate("StationC"));
    }

    @Test
    void aFileRoundTripsExactlyAndKeepsTheDedupState() {
        PartitionStats stats = new PartitionStats(1);
        Random random = new Random(544);
        List<String> stations = List.of("StationA", "StationD", "StationH");
        for (String station : stations) {
            LocalDate d = LocalDate.of(1999, 11, 1 + random.nextInt(20));
            for (int i = 0; i < 900; i++) {
                double degrees = random.nextGaussian() * 12 + 10;
                stats.apply(station, d, degrees);
                if (random.nextInt(10) == 0) {
                    stats.apply(station, d, 1000.0);
                }
                d = d.plusDays(random.nextInt(15) == 0 ? 3 : 1);
            }
        }
        stats.advanceTo(123_456_789_012L);

        String json = StatsFile.toJson(stats);
        PartitionStats parsed = StatsFile.parse(json, 1);
        assertEquals(json, StatsFile.toJson(parsed));
        assertEquals(123_456_789_012L, parsed.nextOffset());
        for (String station : stations) {
            List<MonthStats> before = stats.months(station);
            List<MonthStats> after = parsed.months(station);
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                // The sum is written in full: a restart continues exactly where it was.
                assertEquals(before.get(i).sum(), after.get(i).sum(), 0.0, before.get(i).toString());
                assertEquals(before.get(i).count(), after.get(i).count());
            }
            LocalDate last = stats.lastDate(station).orElseThrow();
            assertEquals(Optional.of(last), parsed.lastDate(station));
            // Dedup survives: the last day again is dropped, the next day counts, in both.
            assertFalse(parsed.apply(station, last, -500.0));
            assertTrue(parsed.apply(station, last.plusDays(1), 5.0));
            assertTrue(stats.apply(station, last.plusDays(1), 5.0));
        }
        assertEquals(StatsFile.toJson(stats), StatsFile.toJson(parsed));
    }

    @Test
    void theLastDateIsTheLatestEndWhateverTheKeyOrder() {
        String json = "{\"offset\": 7, \"StationB\": {\"March\": {\"2001\": {\"count\": 1, \"sum\": 1.0, \"avg\": 1.0,"
                + " \"start\": \"2001-03-04\", \"end\": \"2001-03-04\"}}, \"January\": {\"2002\": " + ENTRY.replace("2000", "2002")
                + ", \"2000\": " + ENTRY + "}}, \"partition\": 0}";
        PartitionStats stats = StatsFile.parse(json, 0);
        assertEquals(Optional.of(LocalDate.of(2002, 1, 2)), stats.lastDate("StationB"));
        assertFalse(stats.apply("StationB", "2002-01-02", 1.0));
        assertTrue(stats.apply("StationB", "2002-01-03", 1.0));
        assertEquals(3, stats.month("StationB", Month.JANUARY, 2002).orElseThrow().count());
        assertEquals(2, stats.month("StationB", Month.JANUARY, 2000).orElseThrow().count());
    }

    static Stream<Arguments> damagedFiles() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("{\"partition\": 2, \"offset\": 4", "not JSON at line 1"),
                Arguments.of("partition-2", "not JSON"),
                Arguments.of("[1, 2]", "not a JSON object"),
                Arguments.of("{\"partition\": 2, \"offset\": 4} {}", "not JSON"),
                Arguments.of("{\"offset\": 4}", "\"partition\" is missing"),
                Arguments.of("{\"partition\": \"2\", \"offset\": 4}", "\"partition\" is \"2\""),
                Arguments.of("{\"partition\": 3, \"offset\": 4}", "\"partition\" is 3 in the file of partition 2"),
                Arguments.of("{\"partition\": 2}", "\"offset\" is missing"),
                Arguments.of("{\"partition\": 2, \"offset\": -1}", "\"offset\" is -1"),
                Arguments.of("{\"partition\": 2, \"offset\": 1.5}", "\"offset\" is 1.5"),
                Arguments.of("{\"partition\": 2, \"offset\": 99999999999999999999}", "\"offset\" is 99999999999999999999"),
                Arguments.of("{\"partition\": 2, \"offset\": 4, \"offset\": 5}", "Duplicate field 'offset'"),
                Arguments.of(file("\"StationA\": 5"), "\"StationA\" is 5, not an object"),
                Arguments.of(file("\"StationA\": {}"), "\"StationA\" is {}, not an object with entries"),
                Arguments.of(file("\"\": {\"January\": {\"2000\": " + ENTRY + "}}"), "'' cannot be a station id"),
                Arguments.of(file("\"StationA\": {\"Jan\": {\"2000\": " + ENTRY + "}}"), "\"StationA\": 'Jan' is not a month"),
                Arguments.of(file("\"StationA\": {\"January\": {}}"), "\"StationA\".January is {}"),
                Arguments.of(file("\"StationA\": {\"January\": {\"00\": " + ENTRY + "}}"), "'00' is not a four-digit year"),
                Arguments.of(file("\"StationA\": {\"January\": {\"2000\": 3}}"), "\"StationA\".January.2000 is 3, not an object"),
                Arguments.of(entry("\"count\": -2,"), ".January.2000.count is -2"),
                Arguments.of(entry("\"count\": 0,"), ".January.2000.count is 0"),
                Arguments.of(entry("\"count\": 2.5,"), ".count is 2.5"),
                Arguments.of(entry("\"count\": 3,"), ".count 3 does not fit 2000-01-01..2000-01-02 (2 days)"),
                Arguments.of(entry("\"count\": 1,"), ".count 1 does not fit 2000-01-01..2000-01-02"),
                Arguments.of(entry(""), "January.2000 has no \"count\""),
                Arguments.of(entry("\"count\": 2, \"sum\": \"3\","), ".sum is \"3\", not a finite number"),
                Arguments.of(entry("\"count\": 2, \"avg\": 1.6,"), ".avg 1.6 is not sum / count = 1.5"),
                Arguments.of(entry("\"count\": 2, \"min\": 1,"), "has an unknown field \"min\""),
                Arguments.of(entry("\"count\": 2, \"start\": \"2000-01-32\","), ".start: date '2000-01-32' is not yyyy-MM-dd"),
                Arguments.of(entry("\"count\": 2, \"start\": 20000101,"), ".start is 20000101, not a date"),
                Arguments.of(entry("\"count\": 2, \"start\": \"2000-02-01\","), ".start 2000-02-01 is not in January 2000"),
                Arguments.of(entry("\"count\": 2, \"end\": \"2001-01-02\","), ".end 2001-01-02 is not in January 2000"),
                Arguments.of(entry("\"count\": 2, \"start\": \"2000-01-03\","), ".end 2000-01-02 is before its start 2000-01-03"));
    }

    @ParameterizedTest
    @MethodSource("damagedFiles")
    void aDamagedFileIsRefusedSayingWhatIsWrong(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatsFile.parse(text, 2));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    /** A partition-2 file with {@code stations} after partition and offset. */
    private static String file(String stations) {
        return "{\"partition\": 2, \"offset\": 4, " + stations + "}";
    }

    /** A file whose one entry has {@code fields} (each ending in a comma) and the rest of {@link #ENTRY}'s. */
    private static String entry(String fields) {
        return file("\"StationA\": {\"January\": {\"2000\": {" + fields + entryRest(fields) + "}}}");
    }

    /** The fields of {@link #ENTRY} that {@code fields} does not set already. */
    private static String entryRest(String fields) {
        StringBuilder rest = new StringBuilder();
        for (String f : List.of("\"sum\": 3.0", "\"avg\": 1.5", "\"start\": \"2000-01-01\"", "\"end\": \"2000-01-02\"")) {
            if (!fields.contains(f.substring(0, f.indexOf(':')))) {
                rest.append(rest.length() == 0 ? "" : ", ").append(f);
            }
        }
        return rest.toString();
    }
}
