package io.weatherpipeline.consumer.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.protobuf.CodedOutputStream;

import io.weatherpipeline.proto.MalformedReportException;
import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;

class ReportWireDecoderTest {

    private final ReadingColumns columns = new ReadingColumns();
    private final ReportWireDecoder decoder = new ReportWireDecoder();

    private static byte[] report(String station, String date, double degrees) {
        return Report.newBuilder().setStationId(station).setDate(date).setDegrees(degrees).build().toByteArray();
    }

    @Test
    void aKnownStationIsReadWithoutProtobuf() {
        columns.stations().intern("StationC");
        assertTrue(decoder.append(report("StationC", "2008-12-17", 35.2621), 7, columns));
        assertTrue(decoder.append(report("StationC", "2008-12-18", 0.0), 8, columns));
        assertEquals(2, columns.size());
        assertEquals(new Reading("StationC", (int) LocalDate.of(2008, 12, 17).toEpochDay(), 35.2621), columns.reading(0));
        assertEquals(new Reading("StationC", (int) LocalDate.of(2008, 12, 18).toEpochDay(), 0.0), columns.reading(1));
        assertEquals(7, columns.offset(0));
        assertEquals(8, columns.offset(1));
    }

    @Test
    void whatTheFastPathDoesNotTakeIsLeftToReportCodec() throws Exception {
        columns.stations().intern("StationC");
        byte[] reversed = concat(field(3, "StationC"), field(1, "2008-12-17"));
        String[] reasons = {"new station", "date not YYYY-MM-DD", "no such day", "not finite", "field twice",
            "unknown field", "empty", "null", "station missing", "date missing", "length over 127", "truncated"};
        byte[][] inputs = {
            report("StationD", "2008-12-17", 1),
            report("StationC", "2008-1-17", 1),
            report("StationC", "2001-02-29", 1),
            report("StationC", "2008-12-17", Double.NaN),
            concat(report("StationC", "2008-12-17", 1), field(1, "2008-12-18")),
            concat(report("StationC", "2008-12-17", 1), field(9, "x")),
            new byte[0],
            null,
            Report.newBuilder().setDate("2008-12-17").build().toByteArray(),
            Report.newBuilder().setStationId("StationC").build().toByteArray(),
            report("S".repeat(200), "2008-12-17", 1),
            Arrays.copyOf(report("StationC", "2008-12-17", 1), 20),
        };
        for (int i = 0; i < inputs.length; i++) {
            assertFalse(decoder.append(inputs[i], i, columns), reasons[i]);
            assertEquals(0, columns.size(), reasons[i] + ": nothing appended");
        }
        // Field order is free in protobuf: taken either way, and the same as ReportCodec reads it.
        assertTrue(decoder.append(reversed, 99, columns));
        Report slow = ReportCodec.decode(reversed, "t", 0, 99);
        assertEquals(new Reading(slow.getStationId(), (int) ReportCodec.epochDay(slow.getDate()), slow.getDegrees()),
                columns.reading(0));
    }

    /** Whatever the fast path takes, ReportCodec takes too, with the same values: random valid and damaged bytes. */
    @Test
    void agreesWithReportCodecOnRandomAndDamagedValues() {
        Random random = new Random(42);
        String[] stations = {"StationA", "StationB", "Station\u00e9", "S", "A-very-long-station-name-but-still-fine"};
        for (String s : stations) {
            columns.stations().intern(s);
        }
        int fast = 0;
        int slowOnly = 0;
        for (int n = 0; n < 200_000; n++) {
            LocalDate date = LocalDate.of(1990, 1, 1).plusDays(random.nextInt(20_000));
            byte[] value = report(stations[random.nextInt(stations.length)], date.toString(),
                    Math.round(random.nextGaussian() * 1e6) / 1e4);
            if (random.nextBoolean()) {
                value = value.clone();
                for (int k = random.nextInt(3); k >= 0; k--) {
                    value[random.nextInt(value.length)] = (byte) random.nextInt(256);
                }
            }
            int before = columns.size();
            boolean taken = decoder.append(value, n, columns);
            Reading viaCodec;
            try {
                Report r = ReportCodec.decode(value, "t", 0, n);
                viaCodec = new Reading(r.getStationId(), (int) ReportCodec.epochDay(r.getDate()), r.getDegrees());
            } catch (MalformedReportException e) {
                viaCodec = null;
            }
            if (taken) {
                fast++;
                assertEquals(before + 1, columns.size());
                assertEquals(viaCodec, columns.reading(before), "value " + Arrays.toString(value));
            } else {
                assertEquals(before, columns.size());
                if (viaCodec != null) {
                    slowOnly++;
                }
            }
        }
        assertTrue(fast > 100_000, "most values take the fast path: " + fast);
        assertTrue(slowOnly > 0, "some damaged values are still valid Reports, read by ReportCodec: " + slowOnly);
    }

    @Test
    void stationDictionaryFindsByBytesAndGrows() {
        StationDictionary d = new StationDictionary();
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, d.intern("Station" + i));
        }
        for (int i = 0; i < 1000; i++) {
            byte[] b = ("xx" + "Station" + i).getBytes(StandardCharsets.UTF_8);
            assertEquals(i, d.find(b, 2, b.length - 2));
            assertEquals("Station" + i, d.name(i));
            assertEquals("Station" + i, d.binary(i).toStringUsingUTF8());
        }
        assertEquals(5, d.intern("Station5"));
        assertEquals(-1, d.find("Station1000".getBytes(StandardCharsets.UTF_8), 0, 11));
    }

    @Test
    void columnsDropRowsBelowAnOffsetAndGrow() {
        ReadingColumns c = new ReadingColumns();
        int s = c.stations().intern("StationA");
        for (int i = 0; i < 5000; i++) {
            c.add(s, i, i / 10.0, 100 + 2 * i);
        }
        c.dropBelow(103);
        assertEquals(4998, c.size());
        assertEquals(104, c.offset(0));
        assertEquals(new Reading("StationA", 2, 0.2), c.reading(0));
        c.dropBelow(0);
        assertEquals(4998, c.size());
        c.clear();
        assertEquals(0, c.size());
        assertEquals(s, c.stations().find("StationA".getBytes(StandardCharsets.UTF_8), 0, 8), "the dictionary is kept");
    }

    @Test
    void appendingRowsNumberedByAnotherDictionaryKeepsTheirStations() {
        ReadingColumns earlier = new ReadingColumns();
        earlier.add(earlier.stations().intern("StationA"), 1, 1.5, 10);
        ReadingColumns sameDictionary = new ReadingColumns(earlier.stations());
        sameDictionary.add(earlier.stations().intern("StationB"), 2, 2.5, 11);
        ReadingColumns otherDictionary = new ReadingColumns();
        otherDictionary.add(otherDictionary.stations().intern("StationC"), 3, 3.5, 12);
        otherDictionary.add(otherDictionary.stations().intern("StationA"), 4, 4.5, 13);
        earlier.appendAll(sameDictionary);
        earlier.appendAll(otherDictionary);
        assertEquals(4, earlier.size());
        assertEquals(new Reading("StationB", 2, 2.5), earlier.reading(1));
        assertEquals(new Reading("StationC", 3, 3.5), earlier.reading(2));
        assertEquals(new Reading("StationA", 4, 4.5), earlier.reading(3));
        assertEquals(13, earlier.offset(3));
        assertEquals(3, earlier.stations().size());
    }

    private static byte[] field(int number, String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeString(number, text);
        c.flush();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
