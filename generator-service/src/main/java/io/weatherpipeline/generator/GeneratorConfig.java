package io.weatherpipeline.generator;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the generator, under {@code generator.*} (env {@code GENERATOR_*}). */
@ConfigMapping(prefix = "generator")
public interface GeneratorConfig {

    /** Time between ticks; every tick simulates {@link #daysPerTick()} day(s) of every station. */
    @WithDefault("100ms")
    Duration interval();

    /** Stations simulated from the first start on; more can be added at run time (POST /stations). */
    @WithDefault("StationA,StationB,StationC,StationD,StationE,StationF,StationG,StationH,StationI,StationJ")
    List<String> stations();

    /** First simulated day of a station that has no rows yet. */
    @WithDefault("2000-01-01")
    LocalDate startDate();

    /** Seed of the weather model: the same seed gives the same temperatures. */
    @WithDefault("544")
    long seed();

    /** Simulated days per tick for every station; raise it for benchmarks (fast mode). */
    @WithDefault("1")
    int daysPerTick();

    /** Rows per INSERT statement; a tick with more rows uses several statements in one transaction. */
    @WithDefault("2000")
    int rowsPerStatement();
}
