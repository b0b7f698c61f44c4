package io.weatherpipeline.producer;

import java.time.LocalDate;

/** A row of table {@code temperatures} as read; fields may be null if the schema ever allows it. */
public record SourceRow(long id, String stationId, LocalDate date, Double degrees) {
}
