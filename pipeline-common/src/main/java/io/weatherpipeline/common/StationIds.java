package io.weatherpipeline.common;

import java.util.regex.Pattern;

/**
 * What a station id may look like: it becomes a Kafka key and a MySQL {@code VARCHAR(64)}. The rule
 * generator-service applies to {@code POST /stations} (its own {@code StationIds}, which should move
 * here), so that a service forwarding a new station refuses exactly what the generator would.
 */
public final class StationIds {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]+");

    private StationIds() {
    }

    /** Null when {@code id} is acceptable, else what is wrong with it. */
    public static String problemWith(String id) {
        if (id == null || id.isBlank()) {
            return "station_id must not be empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "station_id must be at most " + MAX_LENGTH + " characters, was " + id.length();
        }
        if (!ALLOWED.matcher(id).matches()) {
            return "station_id may contain only letters, digits, '_', '.' and '-', was '" + id + "'";
        }
        return null;
    }
}
