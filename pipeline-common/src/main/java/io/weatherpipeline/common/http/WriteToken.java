package io.weatherpipeline.common.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The rule for endpoints that change state: when a token is configured ({@value #KEY}, environment
 * {@code WEATHER_API_TOKEN}), a request must carry {@code Authorization: Bearer <token>}; when none is
 * configured they are open (tests, a laptop). Read-only endpoints and health never ask. Pure: the filter
 * {@link WriteTokenFilter} applies it.
 */
public final class WriteToken {

    /** The configuration key; {@code ./weather up} and docker-compose.yml set it. */
    public static final String KEY = "weather.api-token";
    /** Shorter tokens are refused at start-up: guessable. */
    public static final int MIN_LENGTH = 16;
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    private WriteToken(byte[] expected) {
        this.expected = expected;
    }

    /**
     * The rule for a configured value (absent or empty: open).
     *
     * @throws IllegalArgumentException naming the setting when the token is too short or has spaces or
     *     control characters (the value itself is never printed)
     */
    public static WriteToken of(Optional<String> configured) {
        if (configured.isEmpty() || configured.get().isEmpty()) {
            return new WriteToken(null);
        }
        String token = configured.get();
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(KEY + " (WEATHER_API_TOKEN) must be at least " + MIN_LENGTH
                    + " characters, was " + token.length() + "; leave it unset to keep write endpoints open");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(KEY + " (WEATHER_API_TOKEN) may contain only visible ASCII"
                    + " characters (no spaces)");
        }
        return new WriteToken(token.getBytes(StandardCharsets.US_ASCII));
    }

    /** True when write requests need the token. */
    public boolean required() {
        return expected != null;
    }

    /**
     * Null when a request with this {@code Authorization} header (null when absent) may write, else why
     * not, for a 401 answer.
     */
    public String refusal(String authorization) {
        if (expected == null) {
            return null;
        }
        if (authorization == null || authorization.isBlank()) {
            return "this endpoint changes state and needs the header 'Authorization: Bearer <token>'"
                    + " (the token is WEATHER_API_TOKEN; ./weather token prints the local one)";
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "the Authorization header must be 'Bearer <token>'";
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.US_ASCII);
        // Constant time: the answer's timing says nothing about how much of the token was right.
        return MessageDigest.isEqual(expected, given) ? null : "the bearer token is not the configured one";
    }
}
