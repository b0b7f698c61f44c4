package io.weatherpipeline.generator;

import java.time.LocalDate;

/** One row of table {@code temperatures}, before it has an id. */
public record Reading(String stationId, LocalDate date, double degrees) {
}
