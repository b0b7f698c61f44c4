package io.weatherpipeline.composecheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.weatherpipeline.composecheck.ComposeFile.Service;

/**
 * Every environment variable docker-compose.yml gives one of our services sets a configuration key
 * that service really has, read from its sources at test time: a misspelt or stale variable would
 * otherwise be ignored without a word and the service would run on its default. The same for the
 * file with the three-broker override applied.
 */
class ServiceEnvironmentTest {

    private static final Map<String, ServiceConfigKeys> KEYS = new HashMap<>();
    private static final Map<String, Supplier<ComposeFile>> FILES = Map.of(
            "docker-compose.yml", Checkout::compose,
            "with docker-compose.brokers3.yml", Checkout::composeWithThreeBrokers);

    static Stream<Arguments> builtServices() {
        return FILES.entrySet().stream().sorted(Map.Entry.comparingByKey()).flatMap(f -> f.getValue().get().built().stream()
                .map(s -> Arguments.of(f.getKey(), s.name())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("builtServices")
    void everyVariableSetsAConfigKeyOfTheService(String file, String name) {
        Service service = FILES.get(file).get().service(name);
        ServiceConfigKeys keys = KEYS.computeIfAbsent(service.module(), m -> ServiceConfigKeys.of(service.context()));
        assertFalse(service.environment().isEmpty(), name + " is configured by no environment variable");
        List<String> unknown = service.environment().keySet().stream().filter(v -> !keys.accepts(v)).toList();
        assertTrue(unknown.isEmpty(), () -> "Service " + name + " (" + file + ") sets " + unknown + ", which set no"
                + " configuration key of " + service.module() + " (its application.properties, @ConfigMapping interfaces"
                + " and @ConfigProperty names declare " + keys.keys() + "; QUARKUS_* and MP_MESSAGING_* are always accepted)");
    }
}
