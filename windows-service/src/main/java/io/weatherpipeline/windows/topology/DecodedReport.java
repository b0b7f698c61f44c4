package io.weatherpipeline.windows.topology;

import io.weatherpipeline.proto.Report;

/**
 * A record value as {@link ReportSerde} read it: a valid {@link Report}, or why it is not one. The
 * decision to skip is left to a processor, which knows the record's partition and offset.
 */
public record DecodedReport(Report report, String problem) {

    public static DecodedReport valid(Report report) {
        return new DecodedReport(report, null);
    }

    public static DecodedReport invalid(String problem) {
        return new DecodedReport(null, problem);
    }

    public boolean isValid() {
        return report != null;
    }
}
