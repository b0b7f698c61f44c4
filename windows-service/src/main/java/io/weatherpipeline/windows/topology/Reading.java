package io.weatherpipeline.windows.topology;

import java.time.LocalDate;

/** A valid reading as the windows need it: station, day (days since 1970-01-01), its year and month, degrees. */
public record Reading(String station, int day, int year, int month, double degrees) {

    static Reading of(String station, long epochDay, double degrees) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        return new Reading(station, (int) epochDay, date.getYear(), date.getMonthValue(), degrees);
    }
}
