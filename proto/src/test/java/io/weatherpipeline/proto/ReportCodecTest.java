package io.weatherpipeline.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ReportCodecTest {

    private static final Report REPORT = Report.newBuilder()
            .setStationId("StationC").setDate("2008-12-17").setDegrees(35.2621).build();

    @Test
    void roundTripsThroughTheSerde() {
        byte[] bytes = new ReportSerializer().serialize("temperatures", REPORT);
        Report back = new ReportDeserializer().deserialize("temperatures", bytes);
        assertEquals(REPORT, back);
    }

    @Test
    void wireFormatMatchesTheProtoFieldNumbers() {
        // field 1 date (string), field 2 degrees (double), field 3 station_id (string)
        Report r = Report.newBuilder().setDate("2000-01-01").setDegrees(1.5).setStationId("S").build();
        byte[] expected = concat(
                new byte[] {0x0a, 10}, "2000-01-01".getBytes(StandardCharsets.UTF_8),
                new byte[] {0x11, 0, 0, 0, 0, 0, 0, (byte) 0xf8, 0x3f},
                new byte[] {0x1a, 1, 'S'});
        assertArrayEquals(expected, ReportCodec.encode(r));
    }

    @Test
    void nullSerializesToNull() {
        assertNull(new ReportSerializer().serialize("t", null));
    }

    @Test
    void emptyBytesAreRejectedNotDefaulted() {
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> ReportCodec.decode(new byte[0], "temperatures", 2, 41));
        assertEquals("temperatures", e.topic());
        assertEquals(2, e.partition());
        assertEquals(41, e.offset());
        assertEquals("Malformed Report in topic 'temperatures', partition 2, offset 41: value is empty", e.getMessage());
    }

    @Test
    void garbageIsRejectedWithItsLocation() {
        byte[] garbage = "hello, not protobuf".getBytes(StandardCharsets.UTF_8);
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> ReportCodec.decode(garbage, "temperatures", 0, 7));
        assertTrue(e.getMessage().startsWith("Malformed Report in topic 'temperatures', partition 0, offset 7"), e.getMessage());
    }

    @Test
    void deserializerNamesTheTopicAndLeavesOutUnknownLocation() {
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> new ReportDeserializer().deserialize("temperatures", new byte[] {0x08, 0x01}));
        assertEquals(MalformedReportException.UNKNOWN, e.offset());
        assertTrue(e.getMessage().startsWith("Malformed Report in topic 'temperatures': "), e.getMessage());
        MalformedReportException located = e.at(3, 99);
        assertEquals(3, located.partition());
        assertEquals(99, located.offset());
        assertEquals(e.reason(), located.reason());
    }

    @Test
    void nullValueIsATombstoneNotAReport() {
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> ReportCodec.decode(null, "temperatures", 1, 0));
        assertTrue(e.reason().contains("tombstone"));
    }

    @Test
    void missingFieldsAreNamed() {
        Report noStation = Report.newBuilder().setDate("2000-01-01").setDegrees(3).build();
        Report noDate = Report.newBuilder().setStationId("StationA").setDegrees(3).build();
        Report badDate = Report.newBuilder().setStationId("StationA").setDate("01/02/2000").build();
        assertEquals("station_id is missing", decodeProblem(noStation));
        assertEquals("date is missing", decodeProblem(noDate));
        assertEquals("date '01/02/2000' is not YYYY-MM-DD", decodeProblem(badDate));
    }

    @Test
    void nonFiniteDegreesCannotBeEncoded() {
        Report nan = REPORT.toBuilder().setDegrees(Double.NaN).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportCodec.encode(nan));
        assertTrue(e.getMessage().contains("degrees is NaN"), e.getMessage());
    }

    private static String decodeProblem(Report r) {
        return assertThrows(MalformedReportException.class,
                () -> ReportCodec.decode(r.toByteArray(), "t", 0, 0)).reason();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    @Test
    void epochDayReadsIsoDatesExactlyAsLocalDateDoes() {
        for (String d : java.util.List.of("1970-01-01", "2000-02-29", "2008-12-17", "1899-12-31", "9999-12-31",
                "+10000-01-01", "0001-01-01")) {
            assertEquals(java.time.LocalDate.parse(d).toEpochDay(), ReportCodec.epochDay(d), d);
        }
        for (String bad : java.util.List.of("2001-02-29", "2000-13-01", "2000-00-10", "2000-01-32", "2000-1-01",
                "20000101", "2000/01/01", "２０００-01-01", "")) {
            org.junit.jupiter.api.Assertions.assertThrows(java.time.DateTimeException.class,
                    () -> ReportCodec.epochDay(bad), bad);
        }
    }
}
