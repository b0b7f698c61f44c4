package io.weatherpipeline.dashboard.view;

/** One row of table {@code temperatures}: a station's maximum temperature on a day ({@code yyyy-MM-dd}). */
public record DayReading(String date, double degrees) {
}
