package io.weatherpipeline.composecheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the checked files are: the checkout's root, its compose files and its modules. */
final class Checkout {

    static final Path ROOT = Path.of(System.getProperty("compose-check.root", "..")).toAbsolutePath().normalize();
    static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
    /** The override that runs three Kafka brokers instead of one. */
    static final Path THREE_BROKERS_FILE = ROOT.resolve("docker-compose.brokers3.yml");

    private Checkout() {
    }

    /** The compose file as Compose reads it with none of its variables set: every default applies. */
    static ComposeFile compose() {
        return compose(Map.of());
    }

    static ComposeFile compose(Map<String, String> env) {
        return ComposeFile.load(existing(COMPOSE_FILE), env);
    }

    /** The override alone, every default applied: what it adds and changes. */
    static ComposeFile threeBrokersOverride() {
        return ComposeFile.load(existing(THREE_BROKERS_FILE), Map.of());
    }

    /** docker-compose.yml with the three-broker override applied, every default applied. */
    static ComposeFile composeWithThreeBrokers() {
        return compose().with(threeBrokersOverride());
    }

    private static Path existing(Path file) {
        if (!Files.exists(file)) {
            throw new AssertionError("No " + file.getFileName() + " at " + file);
        }
        return file;
    }
}
