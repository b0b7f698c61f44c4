package io.weatherpipeline.proto;

import java.time.LocalDate;
import java.time.DateTimeException;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Encodes and strictly decodes {@link Report} values. Protobuf happily parses many byte strings
 * (an empty array is a valid, all-default message), so decoding also checks that the fields a
 * reading cannot do without are really there.
 */
public final class ReportCodec {

    private ReportCodec() {
    }

    public static byte[] encode(Report report) {
        String problem = problemWith(report);
        if (problem != null) {
            throw new IllegalArgumentException("Refusing to encode an invalid Report (" + problem + "): " + report);
        }
        return report.toByteArray();
    }

    /**
     * Decodes a value read from Kafka.
     *
     * @throws MalformedReportException naming topic, partition and offset (pass
     *     {@link MalformedReportException#UNKNOWN} for what is not known)
     */
    public static Report decode(byte[] bytes, String topic, int partition, long offset) {
        if (bytes == null) {
            throw new MalformedReportException(topic, partition, offset, "value is null (a tombstone, not a Report)", null);
        }
        if (bytes.length == 0) {
            throw new MalformedReportException(topic, partition, offset, "value is empty", null);
        }
        Report report;
        try {
            report = Report.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedReportException(topic, partition, offset,
                    "not a protobuf Report (" + e.getMessage() + ")", e);
        }
        if (!report.getUnknownFields().asMap().isEmpty()) {
            throw new MalformedReportException(topic, partition, offset,
                    "carries fields Report does not have: " + report.getUnknownFields().asMap().keySet(), null);
        }
        String problem = problemWith(report);
        if (problem != null) {
            throw new MalformedReportException(topic, partition, offset, problem, null);
        }
        return report;
    }

    /** What is wrong with a report, or null when it is a usable reading. */
    public static String problemWith(Report report) {
        if (report.getStationId().isBlank()) {
            return "station_id is missing";
        }
        if (report.getDate().isEmpty()) {
            return "date is missing";
        }
        try {
            epochDay(report.getDate());
        } catch (DateTimeException e) {
            return "date '" + report.getDate() + "' is not YYYY-MM-DD";
        }
        if (!Double.isFinite(report.getDegrees())) {
            return "degrees is " + report.getDegrees();
        }
        return null;
    }

    /**
     * Days since 1970-01-01 of an ISO date as Reports carry it ({@code YYYY-MM-DD}). The usual
     * ten-character form is read without a formatter (this runs once per record); anything else goes
     * through {@link LocalDate#parse}.
     *
     * @throws DateTimeException when it is not a valid ISO date (February 30th included)
     */
    public static long epochDay(String date) {
        if (date.length() == 10 && date.charAt(4) == '-' && date.charAt(7) == '-') {
            int y = digits(date, 0, 4);
            int m = digits(date, 5, 7);
            int d = digits(date, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) {
                return LocalDate.of(y, m, d).toEpochDay();
            }
        }
        return LocalDate.parse(date).toEpochDay();
    }

    /** The decimal number in {@code s[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
