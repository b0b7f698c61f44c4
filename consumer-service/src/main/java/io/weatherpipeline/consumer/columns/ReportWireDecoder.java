package io.weatherpipeline.consumer.columns;

import java.time.DateTimeException;
import java.time.LocalDate;

import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;

/**
 * Appends a Kafka value to a {@link ReadingColumns} straight from the protobuf bytes, without building
 * a {@link Report} or a String: the path every well-formed record takes, once per record.
 *
 * <p>It takes only the plain form producers write: fields {@code date} (1), {@code degrees} (2) and
 * {@code station_id} (3), each at most once, a {@code YYYY-MM-DD} date, finite degrees and a station
 * the writer has seen before. For anything else it appends nothing and returns false, and the caller
 * decodes with {@link ReportCodec}, which accepts every valid Report and names what is wrong with the
 * others. So both paths accept exactly the same values.
 */
public final class ReportWireDecoder {

    private static final int DATE_TAG = 1 << 3 | 2; // field 1, length-delimited
    private static final int DEGREES_TAG = 2 << 3 | 1; // field 2, 64-bit
    private static final int STATION_TAG = 3 << 3 | 2; // field 3, length-delimited
    private static final int NONE = Integer.MIN_VALUE;

    private int lastYmd = -1;
    private int lastEpochDay;

    /** Appends the Report in {@code value} to {@code to}; false (nothing appended) when it needs {@link ReportCodec}. */
    public boolean append(byte[] value, long offset, ReadingColumns to) {
        if (value == null) {
            return false;
        }
        int n = value.length;
        int i = 0;
        int station = -1;
        int day = NONE;
        double degrees = 0; // proto3 leaves a zero out
        boolean degreesSeen = false;
        while (i < n) {
            int tag = value[i++];
            if (tag == DATE_TAG && day == NONE && i < n && value[i] == 10 && i + 11 <= n) {
                day = epochDay(value, i + 1);
                if (day == NONE) {
                    return false;
                }
                i += 11;
            } else if (tag == DEGREES_TAG && !degreesSeen && i + 8 <= n) {
                degrees = Double.longBitsToDouble(littleEndianLong(value, i));
                if (!Double.isFinite(degrees)) {
                    return false;
                }
                degreesSeen = true;
                i += 8;
            } else if (tag == STATION_TAG && station < 0 && i < n && value[i] > 0 && i + 1 + value[i] <= n) {
                int length = value[i];
                station = to.stations().find(value, i + 1, length);
                if (station < 0) {
                    return false;
                }
                i += 1 + length;
            } else {
                return false;
            }
        }
        if (station < 0 || day == NONE) {
            return false;
        }
        to.add(station, day, degrees, offset);
        return true;
    }

    /** Epoch day of the ASCII {@code YYYY-MM-DD} at {@code b[from]}, or NONE when it is not one (or no such day). */
    private int epochDay(byte[] b, int from) {
        if (b[from + 4] != '-' || b[from + 7] != '-') {
            return NONE;
        }
        int y = digits(b, from, 4);
        int m = digits(b, from + 5, 2);
        int d = digits(b, from + 8, 2);
        if (y < 0 || m < 0 || d < 0) {
            return NONE;
        }
        int ymd = y * 10_000 + m * 100 + d;
        if (ymd != lastYmd) {
            try {
                lastEpochDay = (int) LocalDate.of(y, m, d).toEpochDay();
            } catch (DateTimeException e) {
                return NONE;
            }
            lastYmd = ymd;
        }
        return lastEpochDay;
    }

    private static int digits(byte[] b, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            n = n * 10 + c;
        }
        return n;
    }

    private static long littleEndianLong(byte[] b, int from) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = v << 8 | (b[from + k] & 0xFF);
        }
        return v;
    }
}
