package io.weatherpipeline.alerts.model;

/** A record that is skipped because its value is not a storable Report; its offset still moves on. */
public record Poison(int partition, long offset, String reason) {
}
