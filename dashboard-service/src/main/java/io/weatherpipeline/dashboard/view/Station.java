package io.weatherpipeline.dashboard.view;

/**
 * A station as generator-service's {@code GET /stations} lists it.
 *
 * @param lastDate its last simulated day ({@code yyyy-MM-dd}), null before its first
 */
public record Station(String id, boolean active, String lastDate) {
}
