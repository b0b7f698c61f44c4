package io.weatherpipeline.composecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.stack.launcher.ServiceCommand;

/**
 * The services' JVM options have one source, {@link ServiceCommand#JVM_OPTIONS} ({@code ./weather up}, the
 * process-level tests, the benchmarks); the JVM image runs them with exactly those (its {@code JAVA_OPTS}, which
 * replaces the base image's generated heap and GC options), and docker-compose.yml does not set others.
 */
class JvmOptionsTest {

    private static final java.nio.file.Path DOCKERFILE = Checkout.ROOT.resolve("src/main/docker/Dockerfile.jvm");

    @Test
    void theJvmImageRunsTheServicesWithTheLauncherOptions() {
        String javaOpts = Dockerfile.read(DOCKERFILE).env().get("JAVA_OPTS");
        assertNotNull(javaOpts, DOCKERFILE + " sets no JAVA_OPTS: the base image would size the heap and pick the GC itself");
        List<String> jvm = Arrays.stream(javaOpts.trim().split("\\s+")).filter(o -> o.startsWith("-X")).toList();
        assertEquals(ServiceCommand.JVM_OPTIONS, jvm, DOCKERFILE + "'s JAVA_OPTS must carry ServiceCommand.JVM_OPTIONS,"
                + " in order, and no other -X option");
    }

    @Test
    void composeLeavesTheJvmOptionsToTheImage() {
        for (ComposeFile.Service service : Checkout.compose().built()) {
            for (String key : List.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "GC_CONTAINER_OPTIONS")) {
                assertFalse(service.environment().containsKey(key), service.name() + " sets " + key
                        + " in docker-compose.yml: its JVM options come from the image (ServiceCommand.JVM_OPTIONS)");
            }
        }
    }
}
