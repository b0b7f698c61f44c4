package io.weatherpipeline.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class GeneratorConfigCheckTest {

    record Config(Duration interval, List<String> stations, LocalDate startDate, long seed, int daysPerTick,
            int rowsPerStatement) implements GeneratorConfig {
    }

    @Test
    void defaultsPass() {
        GeneratorBeans.check(new Config(Duration.ofMillis(100), List.of("StationA", "StationB"),
                LocalDate.of(2000, 1, 1), 544, 1, 2000));
    }

    @Test
    void everyBadValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeneratorBeans.check(
                new Config(Duration.ZERO, List.of("StationA", "StationA", "bad id"), LocalDate.of(2000, 1, 1), 1, 0,
                        30_000)));
        assertEquals("Invalid generator configuration: generator.stations: StationA is listed twice; "
                + "generator.stations: station_id may contain only letters, digits, '_', '.' and '-', was 'bad id'; "
                + "generator.interval must be positive, was PT0S; generator.days-per-tick must be at least 1, was 0; "
                + "generator.rows-per-statement must be between 1 and 21845, was 30000", e.getMessage());
    }
}
