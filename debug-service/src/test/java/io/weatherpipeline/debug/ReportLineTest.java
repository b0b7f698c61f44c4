package io.weatherpipeline.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.proto.Report;

/** The debug line is Python's repr of the seeds' dict; expected values are what CPython 3.11 prints. */
class ReportLineTest {

    @Test
    void theSeedsLine() {
        Report r = Report.newBuilder().setStationId("StationC").setDate("2008-12-17").setDegrees(35.2621).build();
        assertEquals("{'station_id': 'StationC', 'date': '2008-12-17', 'degrees': 35.2621, 'partition': 2}",
                ReportLine.format(r, 2));
    }

    @Test
    void floatsAsPythonReprsThem() {
        assertEquals("35.2621", PythonRepr.floatRepr(35.2621));
        assertEquals("17.0", PythonRepr.floatRepr(17.0));
        assertEquals("-3.5", PythonRepr.floatRepr(-3.5));
        assertEquals("1e-05", PythonRepr.floatRepr(1e-05));
        assertEquals("0.0001", PythonRepr.floatRepr(0.0001));
        assertEquals("1e+16", PythonRepr.floatRepr(1e16));
        assertEquals("1000000000000000.0", PythonRepr.floatRepr(1e15));
        assertEquals("123456789.123", PythonRepr.floatRepr(123456789.123));
        assertEquals("0.30000000000000004", PythonRepr.floatRepr(0.1 + 0.2));
        assertEquals("-0.0", PythonRepr.floatRepr(-0.0));
        assertEquals("0.0", PythonRepr.floatRepr(0.0));
        assertEquals("2.5e-300", PythonRepr.floatRepr(2.5e-300));
        assertEquals("1.7976931348623157e+308", PythonRepr.floatRepr(Double.MAX_VALUE));
        assertEquals("5e-324", PythonRepr.floatRepr(Double.MIN_VALUE));
        assertEquals("100.0", PythonRepr.floatRepr(100.0));
        assertEquals("-12.3456", PythonRepr.floatRepr(-12.3456));
        assertEquals("0.3333333333333333", PythonRepr.floatRepr(1.0 / 3));
        assertEquals("nan", PythonRepr.floatRepr(Double.NaN));
        assertEquals("inf", PythonRepr.floatRepr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PythonRepr.floatRepr(Double.NEGATIVE_INFINITY));
    }

    @Test
    void everyFloatReadsBackExactly() {
        java.util.Random random = new java.util.Random(544);
        for (int i = 0; i < 100_000; i++) {
            double d = i % 2 == 0 ? Math.round((random.nextDouble() * 120 - 50) * 1e4) / 1e4
                    : Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                assertEquals(d, Double.parseDouble(PythonRepr.floatRepr(d)), 0.0, () -> Double.toString(d));
            }
        }
    }

    @Test
    void stringsAsPythonReprsThem() {
        assertEquals("'StationC'", PythonRepr.str("StationC"));
        assertEquals("\"O'Hare\"", PythonRepr.str("O'Hare"));
        assertEquals("'say \"hi\"'", PythonRepr.str("say \"hi\""));
        assertEquals("'both \\' and \"'", PythonRepr.str("both ' and \""));
        assertEquals("'back\\\\slash'", PythonRepr.str("back\\slash"));
        assertEquals("'tab\\there'", PythonRepr.str("tab\there"));
        assertEquals("'nl\\n'", PythonRepr.str("nl\n"));
        assertEquals("'\\x7f'", PythonRepr.str("\u007f"));
        assertEquals("'\\xa0'", PythonRepr.str("\u00a0"));
        assertEquals("'\\x00'", PythonRepr.str("\u0000"));
        assertEquals("'é'", PythonRepr.str("é"));
        assertEquals("'日本'", PythonRepr.str("日本"));
        assertEquals("'\\u2028'", PythonRepr.str("\u2028"));
        assertEquals("'😀'", PythonRepr.str("😀"));
    }
}
