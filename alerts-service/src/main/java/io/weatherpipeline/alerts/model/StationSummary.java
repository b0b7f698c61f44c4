package io.weatherpipeline.alerts.model;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The alerts of one station, as {@code GET /alerts/summary} returns them: how many, the highest
 * reading and its day (the earliest such day on a tie), and the latest alert.
 */
public record StationSummary(
        @JsonProperty("station_id") String stationId,
        long count,
        @JsonProperty("highest_degrees") double highestDegrees,
        @JsonProperty("highest_date") LocalDate highestDate,
        @JsonProperty("latest_date") LocalDate latestDate,
        @JsonProperty("latest_degrees") double latestDegrees) {
}
