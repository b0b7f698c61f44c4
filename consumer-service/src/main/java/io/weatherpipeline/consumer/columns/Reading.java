package io.weatherpipeline.consumer.columns;

/**
 * One row of a batch file.
 *
 * @param stationId column {@code station_id} (string)
 * @param epochDay column {@code date} (Parquet DATE: days since 1970-01-01)
 * @param degrees column {@code degrees} (double)
 */
public record Reading(String stationId, int epochDay, double degrees) {
}
