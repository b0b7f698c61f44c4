package io.weatherpipeline.proto;

/**
 * Reads the degrees of a Report straight from its protobuf bytes, without building the Report or any
 * String: for consumers that look at every record but need the whole reading of only a few (an alert
 * threshold). It takes only the plain form producers write (fields {@code date} = 1, {@code degrees} = 2,
 * {@code station_id} = 3, each at most once and nothing else; a {@code YYYY-MM-DD} date that exists; finite
 * degrees; a station id of 1 to 127 printable ASCII characters without spaces) and answers NaN for
 * anything else. Whatever it answers a number for, {@link ReportCodec#decode} accepts with the same
 * degrees, so a caller that decodes the NaN cases with {@link ReportCodec} accepts and rejects exactly
 * what {@code ReportCodec} does.
 */
public final class ReportWire {

    private static final int DATE_TAG = 1 << 3 | 2; // field 1, length-delimited
    private static final int DEGREES_TAG = 2 << 3 | 1; // field 2, 64-bit
    private static final int STATION_TAG = 3 << 3 | 2; // field 3, length-delimited
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private ReportWire() {
    }

    /** The degrees of the plain-form Report in {@code value}, or NaN when it is not one (decode it with {@link ReportCodec}). */
    public static double plainDegrees(byte[] value) {
        if (value == null || value.length == 0) {
            return Double.NaN;
        }
        int n = value.length;
        int i = 0;
        boolean date = false;
        boolean station = false;
        boolean degreesSeen = false;
        double degrees = 0; // proto3 leaves a zero out
        while (i < n) {
            int tag = value[i++];
            if (tag == DATE_TAG && !date && i + 11 <= n && value[i] == 10 && isDate(value, i + 1)) {
                date = true;
                i += 11;
            } else if (tag == DEGREES_TAG && !degreesSeen && i + 8 <= n) {
                degrees = Double.longBitsToDouble(littleEndianLong(value, i));
                if (!Double.isFinite(degrees)) {
                    return Double.NaN;
                }
                degreesSeen = true;
                i += 8;
            } else if (tag == STATION_TAG && !station && i < n && value[i] > 0 && i + 1 + value[i] <= n
                    && isPrintable(value, i + 1, value[i])) {
                station = true;
                i += 1 + value[i];
            } else {
                return Double.NaN;
            }
        }
        return date && station ? degrees : Double.NaN;
    }

    /** {@code YYYY-MM-DD} at {@code from}, a day that exists (leap years included). */
    private static boolean isDate(byte[] b, int from) {
        if (b[from + 4] != '-' || b[from + 7] != '-') {
            return false;
        }
        int year = digits(b, from, 4);
        int month = digits(b, from + 5, 2);
        int day = digits(b, from + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return day <= (month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
    }

    /** The decimal number in {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static boolean isPrintable(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] < 0x21 || b[i] > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static long littleEndianLong(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24
                | (b[i + 4] & 0xffL) << 32 | (b[i + 5] & 0xffL) << 40 | (b[i + 6] & 0xffL) << 48 | (b[i + 7] & 0xffL) << 56;
    }
}
