package io.weatherpipeline.alerts.model;

import java.util.List;
import java.util.Map;

/**
 * What a request may give the API beyond its own parameters' values: only the query parameters an
 * endpoint takes, each once. Plain functions throwing {@link IllegalArgumentException} with a message
 * for the client; the resource answers it with a 400.
 */
public final class ApiInput {

    /** Longest value quoted back in an error: a client may send kilobytes. */
    static final int SHOWN = 40;

    private ApiInput() {
    }

    /**
     * Refuses query parameters {@code endpoint} does not take, and any given more than once: a misspelt
     * filter must not silently answer everything.
     */
    public static void onlyParameters(String endpoint, Map<String, List<String>> given, List<String> takes) {
        for (Map.Entry<String, List<String>> p : given.entrySet()) {
            if (!takes.contains(p.getKey())) {
                throw new IllegalArgumentException("unknown query parameter " + shown(p.getKey()) + ": " + endpoint
                        + (takes.isEmpty() ? " takes none" : " takes only " + String.join(", ", takes)));
            }
            if (p.getValue().size() > 1) {
                throw new IllegalArgumentException(p.getKey() + " is given " + p.getValue().size() + " times: give it once");
            }
        }
    }

    /** {@code value} quoted, cut after {@link #SHOWN} characters. */
    static String shown(String value) {
        return value.length() <= SHOWN ? "'" + value + "'"
                : "'" + value.substring(0, SHOWN) + "…' (" + value.length() + " characters)";
    }
}
