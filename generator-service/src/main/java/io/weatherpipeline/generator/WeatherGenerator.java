package io.weatherpipeline.generator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.weatherpipeline.common.RetryState;

/**
 * The simulation clock: every tick inserts the next day(s) of every active station into MySQL in
 * one transaction, and only then moves the calendar on. A failed tick is retried with the same days
 * after a growing pause, so the series has neither a gap nor a repeat.
 */
@ApplicationScoped
public class WeatherGenerator {

    private static final Logger LOG = Logger.getLogger(WeatherGenerator.class);

    private final TemperatureRepository repository;
    private final GeneratorConfig config;
    private final StationCalendar calendar;
    private final WeatherModel model;
    private final Counter rowsInserted;
    private final String databaseUrl;
    private final AtomicBoolean restored = new AtomicBoolean();
    private final RetryState retry = new RetryState(LOG, Duration.ofMillis(500), Duration.ofSeconds(30),
            "no day is skipped");

    WeatherGenerator(TemperatureRepository repository, GeneratorConfig config, StationCalendar calendar,
            MeterRegistry registry, @ConfigProperty(name = "quarkus.datasource.reactive.url") String databaseUrl) {
        this.repository = repository;
        this.config = config;
        this.calendar = calendar;
        this.model = new WeatherModel(config.seed());
        this.rowsInserted = registry.counter("generator.rows.inserted");
        this.databaseUrl = databaseUrl;
    }

    /** One tick of the simulation clock; never fails (a failure becomes a pause and a retry). */
    Uni<Void> tick() {
        if (!retry.mayTry(System.nanoTime())) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> work = restored.get() ? generate() : restore().chain(this::generate);
        return work
                .invoke(() -> retry.succeeded(System.nanoTime(), () -> "generating from " + calendar.currentDay()))
                .onFailure().recoverWithUni(e -> {
                    retry.failed(System.nanoTime(), "MySQL at " + databaseUrl
                            + (restored.get() ? " to insert the next day(s)" : " to read where each station stopped"), e);
                    return Uni.createFrom().voidItem();
                });
    }

    /** Reads where every station stopped, so a restart continues the series. */
    private Uni<Void> restore() {
        return repository.createTablesIfAbsent()
                .chain(repository::lastStoredDates)
                .chain(last -> repository.stationFlags()
                        .invoke(flags -> calendar.restore(last, flags, config.stations())))
                .invoke(() -> {
                    restored.set(true);
                    LOG.infof("Generating %d station(s) from %s, %d day(s) per tick", calendar.all().stream()
                            .filter(StationCalendar.Station::active).count(), calendar.currentDay(), config.daysPerTick());
                })
                .replaceWithVoid();
    }

    private Uni<Void> generate() {
        List<Reading> batch = calendar.nextBatch(config.daysPerTick(), model);
        return repository.insert(batch, config.rowsPerStatement())
                .invoke(() -> {
                    calendar.committed(batch);
                    rowsInserted.increment(batch.size());
                });
    }

    /**
     * Forgets the in-memory calendar: the next tick reads it back from MySQL exactly as a restarted
     * process would.
     */
    void reloadFromDatabase() {
        restored.set(false);
    }

    /** True once the calendar has been read back from MySQL. */
    public boolean isRestored() {
        return restored.get();
    }
}
