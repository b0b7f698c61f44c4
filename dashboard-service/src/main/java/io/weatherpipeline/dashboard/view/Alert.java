package io.weatherpipeline.dashboard.view;

/** One row of alerts-service's {@code GET /alerts}: a reading above the threshold. */
public record Alert(String station, String date, Double degrees, Double threshold) {
}
