package io.weatherpipeline.composecheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the checked files are: the checkout's root, its compose file and its modules. */
final class Checkout {

    static final Path ROOT = Path.of(System.getProperty("compose-check.root", "..")).toAbsolutePath().normalize();
    static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");

    private Checkout() {
    }

    /** The compose file as Compose reads it with none of its variables set: every default applies. */
    static ComposeFile compose() {
        return compose(Map.of());
    }

    static ComposeFile compose(Map<String, String> env) {
        if (!Files.exists(COMPOSE_FILE)) {
            throw new AssertionError("No docker-compose.yml at " + COMPOSE_FILE);
        }
        return ComposeFile.load(COMPOSE_FILE, env);
    }
}
