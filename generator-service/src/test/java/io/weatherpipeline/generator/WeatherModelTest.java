package io.weatherpipeline.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class WeatherModelTest {

    private static final LocalDate START = LocalDate.of(2000, 1, 1);
    private final WeatherModel model = new WeatherModel(544);

    @Test
    void summerIsWarmerThanWinterForEveryStationOverManyYears() {
        for (String station : stations()) {
            double july = meanOf(station, Month.JULY, 20);
            double january = meanOf(station, Month.JANUARY, 20);
            assertTrue(july > january + 5, station + ": July " + july + " vs January " + january);
        }
    }

    @Test
    void sameSeedGivesTheSameSeriesAndAnotherSeedAnother() {
        WeatherModel again = new WeatherModel(544);
        WeatherModel other = new WeatherModel(545);
        List<Double> a = series(model, "StationC", 400);
        assertEquals(a, series(again, "StationC", 400));
        assertNotEquals(a, series(other, "StationC", 400));
    }

    @Test
    void stationsHaveDifferentClimates() {
        double warmest = Double.NEGATIVE_INFINITY;
        double coldest = Double.POSITIVE_INFINITY;
        for (String station : stations()) {
            double mean = series(model, station, 3653).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            warmest = Math.max(warmest, mean);
            coldest = Math.min(coldest, mean);
        }
        assertTrue(warmest - coldest > 4, "10 stations span only " + (warmest - coldest) + " °C");
    }

    @Test
    void valuesArePlausibleAndRoundedToFourDecimals() {
        for (String station : stations()) {
            for (double v : series(model, station, 3653)) {
                assertTrue(v > -40 && v < 55, station + " gave " + v);
                assertEquals(v, Math.round(v * 10_000) / 10_000.0);
            }
        }
    }

    @Test
    void dayToDayChangesAreSmallerThanRandomPairs() {
        // Weather persists: consecutive days are closer than days a season apart.
        List<Double> s = series(model, "StationA", 3653);
        double consecutive = 0;
        for (int i = 1; i < s.size(); i++) {
            consecutive += Math.abs(s.get(i) - s.get(i - 1));
        }
        consecutive /= s.size() - 1;
        double apart = 0;
        for (int i = 182; i < s.size(); i++) {
            apart += Math.abs(s.get(i) - s.get(i - 182));
        }
        apart /= s.size() - 182;
        assertTrue(consecutive < apart, consecutive + " vs " + apart);
    }

    private double meanOf(String station, Month month, int years) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < years; y++) {
            LocalDate d = LocalDate.of(2000 + y, month, 1);
            for (; d.getMonth() == month; d = d.plusDays(1)) {
                sum += model.maxTemperature(station, d);
                n++;
            }
        }
        return sum / n;
    }

    private static List<Double> series(WeatherModel m, String station, int days) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            out.add(m.maxTemperature(station, START.plusDays(i)));
        }
        return out;
    }

    private static List<String> stations() {
        List<String> s = new ArrayList<>();
        for (char c = 'A'; c <= 'J'; c++) {
            s.add("Station" + c);
        }
        return s;
    }
}
