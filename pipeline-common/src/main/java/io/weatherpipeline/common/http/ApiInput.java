package io.weatherpipeline.common.http;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a request may give a service's REST API, checked before anything is read: the partition in a
 * path and the names of the query parameters. Plain functions throwing {@link IllegalArgumentException}
 * with a message for the client; the resources answer it with a 400. Pure.
 */
public final class ApiInput {

    /** Longest value quoted back in an error: a client may send kilobytes. */
    public static final int SHOWN = 40;
    /** A whole number; negative and too large ones are refused, but said so. */
    private static final Pattern PARTITION = Pattern.compile("-?[0-9]+");
    private static final BigInteger MAX_PARTITION = BigInteger.valueOf(Integer.MAX_VALUE);

    private ApiInput() {
    }

    /**
     * The partition number {@code text} names: 0 or more. Whether this instance owns it is the caller's
     * question (a 404, not a 400).
     */
    public static int partition(String text, String owned) {
        String what = ": a partition is a whole number from 0 (this instance owns " + owned + ")";
        if (!PARTITION.matcher(text).matches()) {
            throw new IllegalArgumentException(shown(text) + " is not a partition number" + what);
        }
        if (text.startsWith("-")) {
            throw new IllegalArgumentException("partition " + shown(text) + " is negative" + what);
        }
        if (new BigInteger(text).compareTo(MAX_PARTITION) > 0) {
            throw new IllegalArgumentException("partition " + shown(text) + " is too large" + what);
        }
        return Integer.parseInt(text);
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
    public static String shown(String value) {
        return value.length() <= SHOWN ? "'" + value + "'"
                : "'" + value.substring(0, SHOWN) + "…' (" + value.length() + " characters)";
    }
}
