package io.weatherpipeline.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Empties the test profile's statistics directory before the service starts, so that a second local run
 * starts from nothing as a fresh clone does (the files of the first run would otherwise be resumed).
 */
public class EmptyStatsDir implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target/stats-test");

    @Override
    public Map<String, String> start() {
        if (Files.exists(DIR)) {
            try (Stream<Path> paths = Files.walk(DIR)) {
                paths.sorted(Comparator.reverseOrder()).forEach(EmptyStatsDir::delete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.of("stats.dir", DIR.toString());
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + DIR + " before the test", e);
        }
    }

    @Override
    public void stop() {
    }
}
