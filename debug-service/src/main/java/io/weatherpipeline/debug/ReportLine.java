package io.weatherpipeline.debug;

import io.weatherpipeline.proto.Report;

/**
 * One debug line per message, as the seeds' debug consumer printed a Python dict:
 * {@code {'station_id': 'StationC', 'date': '2008-12-17', 'degrees': 35.2621, 'partition': 2}}.
 */
public final class ReportLine {

    private ReportLine() {
    }

    public static String format(Report report, int partition) {
        return "{'station_id': " + PythonRepr.str(report.getStationId())
                + ", 'date': " + PythonRepr.str(report.getDate())
                + ", 'degrees': " + PythonRepr.floatRepr(report.getDegrees())
                + ", 'partition': " + partition + "}";
    }
}
