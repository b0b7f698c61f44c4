package io.weatherpipeline.dashboard.view;

/**
 * What one source last answered: its value (kept from the last success, so a panel can show the last
 * known data beside the error), or why the latest try failed. Immutable.
 *
 * @param value the last value read, null when the source never answered
 * @param error why the latest try failed, null when it succeeded
 * @param atMillis when the latest try ended
 */
public record Outcome<T>(T value, String error, long atMillis) {

    /** A source not asked yet. */
    public static <T> Outcome<T> pending() {
        return new Outcome<>(null, "not asked yet", 0);
    }

    public static <T> Outcome<T> ok(T value, long atMillis) {
        return new Outcome<>(value, null, atMillis);
    }

    /** This outcome after a failed try: the last value stays, the error is new. */
    public Outcome<T> failed(String why, long atMillis) {
        return new Outcome<>(value, why, atMillis);
    }

    /** True when the latest try succeeded. */
    public boolean up() {
        return error == null;
    }
}
