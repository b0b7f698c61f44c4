package io.weatherpipeline.composecheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class DockerIgnoreTest {

    private static final Path DOCKER = Checkout.ROOT.resolve("src/main/docker");

    @Test
    void lastMatchingPatternDecidesAndParentsCount() {
        DockerIgnore ignore = DockerIgnore.parse(List.of("# comment", "*", "!target/app/*", "target/app/secret"));
        assertTrue(ignore.excludes(Path.of("src/main/java/A.java")));
        assertTrue(ignore.excludes(Path.of("pom.xml")));
        assertFalse(ignore.excludes(Path.of("target/app/lib/x.jar")));
        assertFalse(ignore.excludes(Path.of("target/app/run.jar")));
        assertTrue(ignore.excludes(Path.of("target/app/secret/key")));
        assertTrue(ignore.excludes(Path.of("target/classes/A.class")));
    }

    @Test
    void theJvmIgnoreFileKeepsOnlyTheQuarkusApp() {
        DockerIgnore jvm = DockerIgnore.read(DOCKER.resolve("Dockerfile.jvm.dockerignore"));
        assertFalse(jvm.excludes(Path.of("target/quarkus-app/quarkus-run.jar")));
        assertFalse(jvm.excludes(Path.of("target/quarkus-app/lib/main/io.quarkus.quarkus-core-3.34.3.jar")));
        assertTrue(jvm.excludes(Path.of("src/main/resources/application.properties")));
        assertTrue(jvm.excludes(Path.of("target/classes/application.properties")));
    }

    @Test
    void theNativeIgnoreFileKeepsOnlyTheExecutable() {
        DockerIgnore nativ = DockerIgnore.read(DOCKER.resolve("Dockerfile.native.dockerignore"));
        assertFalse(nativ.excludes(Path.of("target/generator-service-0.1.0-SNAPSHOT-runner")));
        assertTrue(nativ.excludes(Path.of("target/quarkus-app/quarkus-run.jar")));
        assertTrue(nativ.excludes(Path.of("src/main/java/A.java")));
    }
}
