package io.weatherpipeline.alerts.model;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.weatherpipeline.common.StationIds;
import io.weatherpipeline.common.http.ApiInput;

/**
 * The checked parameters of {@code GET /alerts}: an optional station (by the station id rule), an optional
 * range of days (both ends included) and how many alerts at most, newest first.
 */
public record AlertQuery(Optional<String> station, Optional<LocalDate> from, Optional<LocalDate> to, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    /** Four-digit years only: LocalDate would also take -0001-01-01 and +10000-01-01, which no DATE column holds. */
    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /**
     * Checks the raw query parameters (null or blank when absent).
     *
     * @throws IllegalArgumentException naming every bad parameter and what it should be
     */
    public static AlertQuery parse(String station, String from, String to, String limit) {
        List<String> problems = new ArrayList<>();
        Optional<String> s = blank(station) ? Optional.empty() : Optional.of(station.trim());
        String stationProblem = s.map(StationIds::problemWith).orElse(null);
        if (stationProblem != null) {
            problems.add("station: " + stationProblem);
        }
        Optional<LocalDate> f = date("from", from, problems);
        Optional<LocalDate> t = date("to", to, problems);
        if (f.isPresent() && t.isPresent() && f.get().isAfter(t.get())) {
            problems.add("from (" + f.get() + ") is after to (" + t.get() + ")");
        }
        int n = DEFAULT_LIMIT;
        if (!blank(limit)) {
            try {
                n = Integer.parseInt(limit.trim());
                if (n < 1 || n > MAX_LIMIT) {
                    problems.add("limit must be between 1 and " + MAX_LIMIT + ", was " + n);
                }
            } catch (NumberFormatException e) {
                problems.add("limit must be a whole number between 1 and " + MAX_LIMIT + ", was " + ApiInput.shown(limit));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new AlertQuery(s, f, t, n);
    }

    private static Optional<LocalDate> date(String name, String value, List<String> problems) {
        if (blank(value)) {
            return Optional.empty();
        }
        Optional<LocalDate> day = DAY.matcher(value.trim()).matches() ? day(value.trim()) : Optional.empty();
        if (day.isEmpty()) {
            problems.add(name + " must be a day as YYYY-MM-DD, was " + ApiInput.shown(value));
        }
        return day;
    }

    /** Empty for a day that does not exist, such as 2001-02-30. */
    private static Optional<LocalDate> day(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
