package io.weatherpipeline.dashboard.view;

/**
 * One partition as consumer-service's {@code GET /partitions} reports it.
 *
 * @param batchId the last committed batch, null before the first
 * @param offset the next offset to write, null before the first batch
 * @param consumer which consumer reported it (its base URL)
 */
public record Checkpoint(int partition, boolean assigned, Long batchId, Long offset, String consumer) {
}
