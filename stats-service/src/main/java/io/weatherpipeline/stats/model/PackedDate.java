package io.weatherpipeline.stats.model;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * A calendar date packed into one int, {@code yyyy * 10000 + mm * 100 + dd}, so that the per-record
 * fold compares and stores dates without allocating; packed dates sort like the dates they stand for.
 * Only four-digit years, as in the {@code yyyy-MM-dd} dates reports carry. Pure and stateless.
 */
final class PackedDate {

    private PackedDate() {
    }

    /**
     * Packs an ISO date {@code yyyy-MM-dd}.
     *
     * @throws IllegalArgumentException naming the text when it is not such a date (February 30th included)
     */
    static int parse(String iso) {
        if (iso == null || iso.length() != 10 || iso.charAt(4) != '-' || iso.charAt(7) != '-') {
            throw new IllegalArgumentException("date '" + iso + "' is not yyyy-MM-dd");
        }
        int y = digits(iso, 0, 4);
        int m = digits(iso, 5, 7);
        int d = digits(iso, 8, 10);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > Month.of(m).length(Year.isLeap(y))) {
            throw new IllegalArgumentException("date '" + iso + "' is not yyyy-MM-dd");
        }
        return y * 10000 + m * 100 + d;
    }

    /** @throws IllegalArgumentException when the year has more than four digits or is negative */
    static int of(LocalDate date) {
        int y = date.getYear();
        if (y < 0 || y > 9999) {
            throw new IllegalArgumentException("date " + date + " has no four-digit year");
        }
        return y * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    static int year(int packed) {
        return packed / 10000;
    }

    static int month(int packed) {
        return packed / 100 % 100;
    }

    /** Months since year 0, increasing with the date: equal exactly when year and month are. */
    static int monthKey(int packed) {
        return year(packed) * 12 + month(packed) - 1;
    }

    static LocalDate toLocalDate(int packed) {
        return LocalDate.of(year(packed), month(packed), packed % 100);
    }

    static String format(int packed) {
        char[] c = new char[10];
        put(c, 0, 4, year(packed));
        c[4] = '-';
        put(c, 5, 7, month(packed));
        c[7] = '-';
        put(c, 8, 10, packed % 100);
        return new String(c);
    }

    private static void put(char[] c, int from, int to, int value) {
        for (int i = to - 1; i >= from; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal number in {@code s[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
