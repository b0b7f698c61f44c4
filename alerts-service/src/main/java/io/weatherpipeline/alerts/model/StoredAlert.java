package io.weatherpipeline.alerts.model;

import java.time.LocalDate;
import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One row of {@code warning_temperatures} as {@code GET /alerts} returns it. */
public record StoredAlert(
        @JsonProperty("station_id") String stationId,
        LocalDate date,
        double degrees,
        double threshold,
        int partition,
        long offset,
        @JsonProperty("stored_at") LocalDateTime storedAt) {
}
