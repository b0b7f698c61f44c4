package io.weatherpipeline.alerts.model;

import java.time.LocalDate;

import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;

/**
 * One row of {@code warning_temperatures} before it is stored: the reading, the threshold it crossed
 * and the Kafka record it came from.
 */
public record Alert(String stationId, LocalDate date, double degrees, double threshold, int partition, long offset) {

    /** Longest station id the table holds ({@code VARCHAR(64)}). */
    public static final int MAX_STATION_LENGTH = 64;

    /**
     * The row of a decoded (so valid) Report read at {@code partition} and {@code offset}.
     *
     * @throws IllegalArgumentException when the station id does not fit the table
     */
    public static Alert of(Report report, double threshold, int partition, long offset) {
        String station = report.getStationId();
        if (station.length() > MAX_STATION_LENGTH) {
            throw new IllegalArgumentException("station_id is " + station.length() + " characters long; the table holds "
                    + MAX_STATION_LENGTH);
        }
        return new Alert(station, LocalDate.ofEpochDay(ReportCodec.epochDay(report.getDate())), report.getDegrees(), threshold,
                partition, offset);
    }
}
