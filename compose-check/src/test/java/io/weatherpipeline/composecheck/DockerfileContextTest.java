package io.weatherpipeline.composecheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.weatherpipeline.composecheck.ComposeFile.Service;

/**
 * Every image's Dockerfile takes from its build context (the service module) only what the Maven
 * build leaves under {@code target/}, and that is there and not cut out by the ignore file. Runs
 * after the services' {@code package} (compose-check depends on them in the reactor).
 */
class DockerfileContextTest {

    static Stream<String> builtServices() {
        return Checkout.compose().built().stream().map(Service::name);
    }

    /** The services whose image follows QUARKUS_MODE, so that also have a native image. */
    static Stream<String> nativeCapableServices() {
        ComposeFile nativeMode = Checkout.compose(Map.of("QUARKUS_MODE", "native"));
        return nativeMode.built().stream()
                .filter(s -> s.dockerfile().getFileName().toString().equals("Dockerfile.native"))
                .map(Service::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    void jvmImageCopiesWhatMavenPackageProduces(String name) {
        Service service = Checkout.compose(Map.of("QUARKUS_MODE", "jvm")).service(name);
        Path quarkusApp = service.context().resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(quarkusApp), quarkusApp + " is missing: package " + service.module()
                + " first (./mvnw -B -ntp package -DskipTests -pl " + service.module() + " -am)");
        assertCopiesFromBuildOutput(service);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeCapableServices")
    void nativeImageCopiesWhatTheNativeBuildProduces(String name) {
        Service service = Checkout.compose(Map.of("QUARKUS_MODE", "native")).service(name);
        Dockerfile dockerfile = Dockerfile.read(service.dockerfile());
        dockerfile.contextSources().forEach(source -> assertTrue(source.startsWith("target/"),
                dockerfile.file() + " copies " + source + ", which the Maven build does not produce"));
        boolean built = dockerfile.contextSources().stream().allMatch(source -> !matches(service.context(), source).isEmpty());
        assumeTrue(built, service.module() + " has no native executable (./mvnw package -Dnative, which needs Docker"
                + " or Podman for the Mandrel builder); not built on this machine");
        assertCopiesFromBuildOutput(service);
    }

    private static void assertCopiesFromBuildOutput(Service service) {
        Dockerfile dockerfile = Dockerfile.read(service.dockerfile());
        DockerIgnore ignore = dockerfile.ignoreFile(service.context()).map(DockerIgnore::read).orElse(DockerIgnore.none());
        assertFalse(dockerfile.contextSources().isEmpty(), dockerfile.file() + " copies nothing from its context");
        for (String source : dockerfile.contextSources()) {
            assertTrue(source.startsWith("target/"), dockerfile.file() + " copies " + source
                    + ", which the Maven build does not produce");
            List<Path> found = matches(service.context(), source);
            assertFalse(found.isEmpty(), dockerfile.file() + " copies " + source + ", absent from " + service.context());
            for (Path match : found) {
                for (Path file : filesUnder(match)) {
                    Path relative = service.context().relativize(file);
                    assertFalse(ignore.excludes(relative), relative + " (copied by " + dockerfile.file().getFileName()
                            + " as " + source + ") is left out of the build context by the ignore file");
                }
            }
        }
    }

    /** The paths a COPY source names in the context, globs expanded per path element as Docker does. */
    static List<Path> matches(Path context, String source) {
        String[] parts = source.replaceAll("/+$", "").split("/");
        int firstGlob = 0;
        while (firstGlob < parts.length && !parts[firstGlob].matches(".*[*?\\[].*")) {
            firstGlob++;
        }
        Path base = context.resolve(String.join("/", List.of(parts).subList(0, firstGlob)));
        if (firstGlob == parts.length) {
            return Files.exists(base) ? List.of(base) : List.of();
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + source.replaceAll("/+$", ""));
        try (Stream<Path> paths = Files.walk(base, parts.length - firstGlob)) {
            return paths.filter(p -> glob.matches(context.relativize(p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + base, e);
        }
    }

    private static List<Path> filesUnder(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + path, e);
        }
    }
}
