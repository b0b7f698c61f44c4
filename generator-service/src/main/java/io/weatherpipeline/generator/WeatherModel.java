package io.weatherpipeline.generator;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Daily maximum temperatures of simulated stations: a seasonal cycle around a per-station climate
 * (some stations warmer, some colder, some more variable), plus day-to-day weather that carries over
 * from one day to the next.
 *
 * <p>Every value is a pure function of (seed, station, date): no state, so a restarted generator
 * continues the very series it would have written, and tests can compare runs.
 */
public final class WeatherModel {

    /** Day of year with the warmest climate (northern-hemisphere mid-July). */
    private static final double WARMEST_DAY = 196;
    private static final double YEAR_DAYS = 365.2425;

    private final long seed;

    public WeatherModel(long seed) {
        this.seed = seed;
    }

    /** The climate of one station, fixed for a seed. */
    public record Climate(double annualMean, double seasonalAmplitude, double dailySpread) {
    }

    public Climate climate(String station) {
        SplittableRandom r = new SplittableRandom(mix(seed, station.hashCode(), 0x5eed));
        double annualMean = 8 + r.nextDouble() * 18;        // 8 .. 26 °C mean daily maximum
        double amplitude = 4 + r.nextDouble() * 12;          // 4 .. 16 °C between mean and summer peak
        double spread = 1.5 + r.nextDouble() * 3.5;          // 1.5 .. 5 °C day-to-day noise
        return new Climate(annualMean, amplitude, spread);
    }

    /** Daily maximum of {@code station} on {@code date}, in °C, rounded to 4 decimals. */
    public double maxTemperature(String station, LocalDate date) {
        return maxTemperature(station, climate(station), date);
    }

    /** As {@link #maxTemperature(String, LocalDate)}, with the climate already looked up. */
    public double maxTemperature(String station, Climate climate, LocalDate date) {
        double seasonal = climate.annualMean()
                + climate.seasonalAmplitude() * Math.cos(2 * Math.PI * (date.getDayOfYear() - WARMEST_DAY) / YEAR_DAYS);
        long day = date.toEpochDay();
        // Weather persists: today's anomaly shares most of yesterday's and the day before's.
        double anomaly = 0.6 * gaussian(station, day) + 0.6 * gaussian(station, day - 1) + 0.5 * gaussian(station, day - 2);
        double value = seasonal + climate.dailySpread() * anomaly / Math.sqrt(0.36 + 0.36 + 0.25);
        return Math.round(value * 10_000) / 10_000.0;
    }

    private double gaussian(String station, long epochDay) {
        SplittableRandom r = new SplittableRandom(mix(seed, station.hashCode(), epochDay));
        // Box-Muller: two uniforms give one standard normal value.
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b;
        return h ^ (h >>> 29);
    }
}
