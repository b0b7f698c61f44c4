package io.weatherpipeline.producer;

import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;

/**
 * Turns a table row into {@link Report} bytes, or says why it cannot: a reading with a missing
 * field or an impossible temperature goes to the dead-letter topic instead of the stream.
 */
public final class RowEncoder {

    /** The result for one row: exactly one of {@code bytes} and {@code reason} is set. */
    public record Encoded(SourceRow row, byte[] bytes, String reason) {
        public boolean ok() {
            return bytes != null;
        }
    }

    private final double minDegrees;
    private final double maxDegrees;

    public RowEncoder(double minDegrees, double maxDegrees) {
        if (!(minDegrees < maxDegrees)) {
            throw new IllegalArgumentException("min degrees " + minDegrees + " must be below max degrees " + maxDegrees);
        }
        this.minDegrees = minDegrees;
        this.maxDegrees = maxDegrees;
    }

    public Encoded encode(SourceRow row) {
        if (row.stationId() == null || row.stationId().isBlank()) {
            return rejected(row, "station_id is missing");
        }
        if (row.date() == null) {
            return rejected(row, "date is missing");
        }
        if (row.degrees() == null) {
            return rejected(row, "degrees is missing");
        }
        double d = row.degrees();
        if (!Double.isFinite(d) || d < minDegrees || d > maxDegrees) {
            return rejected(row, "degrees " + d + " is outside [" + minDegrees + ", " + maxDegrees + "]");
        }
        Report report = Report.newBuilder()
                .setStationId(row.stationId())
                .setDate(row.date().toString())
                .setDegrees(d)
                .build();
        return new Encoded(row, ReportCodec.encode(report), null);
    }

    /** The dead-letter value: the row and the reason, as one JSON object. */
    public static String deadLetterJson(SourceRow row, String reason) {
        return "{\"id\":" + row.id()
                + ",\"station_id\":" + jsonString(row.stationId())
                + ",\"date\":" + (row.date() == null ? "null" : "\"" + row.date() + "\"")
                + ",\"degrees\":" + (row.degrees() == null || !Double.isFinite(row.degrees()) ? jsonString(
                        row.degrees() == null ? null : row.degrees().toString()) : row.degrees().toString())
                + ",\"reason\":" + jsonString(reason) + "}";
    }

    private static Encoded rejected(SourceRow row, String reason) {
        return new Encoded(row, null, reason);
    }

    private static String jsonString(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
