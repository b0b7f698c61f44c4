package io.weatherpipeline.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ReportWireTest {

    static byte[] report(String station, String date, double degrees) {
        return Report.newBuilder().setStationId(station).setDate(date).setDegrees(degrees).build().toByteArray();
    }

    @Test
    void thePlainFormIsReadWithoutDecoding() {
        assertEquals(35.2621, ReportWire.plainDegrees(report("StationC", "2008-12-17", 35.2621)));
        assertEquals(-12.5, ReportWire.plainDegrees(report("S", "2000-02-29", -12.5)));
        assertEquals(0.0, ReportWire.plainDegrees(report("StationA", "2001-01-01", 0.0)), "a zero is left out of the bytes");
        assertEquals(31.0, ReportWire.plainDegrees(report("X".repeat(127), "9999-12-31", 31.0)));
    }

    @Test
    void anythingElseIsLeftToTheCodec() {
        assertTrue(Double.isNaN(ReportWire.plainDegrees(null)));
        assertTrue(Double.isNaN(ReportWire.plainDegrees(new byte[0])));
        assertTrue(Double.isNaN(ReportWire.plainDegrees(new byte[] {(byte) 0xff, 1, 2, 3})));
        assertTrue(Double.isNaN(ReportWire.plainDegrees(report("StationA", "2001-02-29", 31))), "not a leap year");
        assertTrue(Double.isNaN(ReportWire.plainDegrees(report("StationA", "2001-1-01", 31))), "not YYYY-MM-DD");
        assertTrue(Double.isNaN(ReportWire.plainDegrees(report("Station A", "2001-01-01", 31))), "a space");
        assertTrue(Double.isNaN(ReportWire.plainDegrees(report("Stätion", "2001-01-01", 31))), "not ASCII");
        assertTrue(Double.isNaN(ReportWire.plainDegrees(report("X".repeat(128), "2001-01-01", 31))), "a two-byte length");
        assertTrue(Double.isNaN(ReportWire.plainDegrees(report("StationA", "", 31))), "no date");
        assertTrue(Double.isNaN(ReportWire.plainDegrees(report("", "2001-01-01", 31))), "no station");
        assertTrue(Double.isNaN(ReportWire.plainDegrees(report("StationA", "2001-01-01", Double.NaN))));
        assertTrue(Double.isNaN(ReportWire.plainDegrees(report("StationA", "2001-01-01", Double.POSITIVE_INFINITY))));
        byte[] twice = concat(report("StationA", "2001-01-01", 31), report("StationA", "2001-01-02", 32));
        assertTrue(Double.isNaN(ReportWire.plainDegrees(twice)), "fields repeated (protobuf keeps the last)");
        byte[] unknown = concat(report("StationA", "2001-01-01", 31), new byte[] {0x20, 0x01});
        assertTrue(Double.isNaN(ReportWire.plainDegrees(unknown)), "an unknown field");
    }

    /** Whatever the fast path reads, the codec accepts with the same degrees; over valid and damaged values. */
    @Test
    void everyValueReadIsOneTheCodecAcceptsAlike() {
        Random random = new Random(544);
        int read = 0;
        for (int i = 0; i < 200_000; i++) {
            String station = i % 50 == 0 ? " " : "Station" + (char) ('A' + random.nextInt(26));
            String date = String.format("%04d-%02d-%02d", random.nextInt(10000), 1 + random.nextInt(13), random.nextInt(33));
            byte[] value = report(station, date, random.nextInt(10) == 0 ? 0.0 : random.nextGaussian() * 20);
            int damage = random.nextInt(4);
            for (int d = 0; d < damage; d++) {
                int at = random.nextInt(value.length);
                value[at] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : (byte) (value[at] ^ (1 << random.nextInt(8)));
            }
            double fast = ReportWire.plainDegrees(value);
            if (Double.isNaN(fast)) {
                continue;
            }
            read++;
            Report decoded = ReportCodec.decode(value, "t", 0, i);
            assertEquals(decoded.getDegrees(), fast, "value " + i);
        }
        assertTrue(read > 50_000, "the fast path reads most plain values: " + read);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
