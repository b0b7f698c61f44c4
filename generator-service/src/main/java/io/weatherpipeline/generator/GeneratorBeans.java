package io.weatherpipeline.generator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.weatherpipeline.common.StationIds;

/** Wires the pure classes, after checking the configuration they are built from. */
public class GeneratorBeans {

    /** MySQL allows 65,535 placeholders per statement; each row takes three. */
    static final int MAX_ROWS_PER_STATEMENT = 65_535 / 3;

    @Produces
    @Singleton
    StationCalendar calendar(GeneratorConfig config) {
        check(config);
        return new StationCalendar(config.startDate());
    }

    /** Fails start-up with one clear line per bad value. */
    static void check(GeneratorConfig config) {
        List<String> problems = new java.util.ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id : config.stations()) {
            String problem = StationIds.problemWith(id);
            if (problem != null) {
                problems.add("generator.stations: " + problem);
            } else if (!seen.add(id)) {
                problems.add("generator.stations: " + id + " is listed twice");
            }
        }
        if (config.interval().isNegative() || config.interval().isZero()) {
            problems.add("generator.interval must be positive, was " + config.interval());
        }
        if (config.daysPerTick() < 1) {
            problems.add("generator.days-per-tick must be at least 1, was " + config.daysPerTick());
        }
        if (config.rowsPerStatement() < 1 || config.rowsPerStatement() > MAX_ROWS_PER_STATEMENT) {
            problems.add("generator.rows-per-statement must be between 1 and " + MAX_ROWS_PER_STATEMENT + ", was "
                    + config.rowsPerStatement());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid generator configuration: " + String.join("; ", problems));
        }
    }
}
