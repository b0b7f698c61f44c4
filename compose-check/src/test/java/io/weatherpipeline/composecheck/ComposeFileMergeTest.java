package io.weatherpipeline.composecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weatherpipeline.composecheck.ComposeFile.Service;

/** {@link ComposeFile#with}: an override applied as {@code docker compose -f base -f override} applies it. */
class ComposeFileMergeTest {

    @TempDir
    Path dir;

    @Test
    void mergesAsComposeDoes() throws IOException {
        ComposeFile base = file("base.yml", """
                services:
                  app:
                    image: app:1
                    command: ["run", "a"]
                    environment: ["A=1", "B=2"]
                    depends_on: [db]
                    volumes: ["data:/data", "logs:/logs"]
                    ports: ["127.0.0.1:8080:8080"]
                    healthcheck: {test: ["CMD", "true"], interval: 10s}
                  db:
                    image: db:1
                volumes:
                  data: {}
                  logs: {}
                """);
        ComposeFile override = file("override.yml", """
                services:
                  app:
                    image: app:2
                    command: ["run", "b"]
                    environment: {B: "3", C: "${C:-4}"}
                    depends_on: {cache: {condition: service_healthy}}
                    volumes: ["other:/data"]
                    ports: ["127.0.0.1:8080:8080", "127.0.0.1:9090:9090"]
                    healthcheck: {interval: 5s}
                  cache:
                    image: cache:1
                volumes:
                  other: {}
                """);
        ComposeFile merged = base.with(override);
        Service app = merged.service("app");
        assertEquals("app:2", app.image());
        assertEquals("run b", app.command());
        assertEquals(Map.of("A", "1", "B", "3", "C", "4"), app.environment());
        assertEquals(Map.of("db", "service_started", "cache", "service_healthy"), app.dependsOn());
        assertEquals(Map.of("/data", "other", "/logs", "logs"), app.mounts());
        assertEquals(List.of(8080, 9090), app.publishedPorts().stream().map(ComposeFile.HostPort::port).toList());
        assertEquals(Map.of("test", List.of("CMD", "true"), "interval", "5s"), app.healthcheck());
        assertEquals(List.of("app", "db", "cache"), merged.services().stream().map(Service::name).toList());
        assertEquals(List.of("data", "logs", "other"), merged.namedVolumes());
        assertEquals(Map.of("A", "1", "B", "2"), base.service("app").environment(), "the base file is left as it was");
    }

    @Test
    void refusesListsWhoseMergeItDoesNotModel() throws IOException {
        ComposeFile base = file("base.yml", "services: {app: {image: a, expose: [\"80\"]}}\n");
        ComposeFile override = file("override.yml", "services: {app: {expose: [\"81\"]}}\n");
        AssertionError e = assertThrows(AssertionError.class, () -> base.with(override));
        assertTrue(e.getMessage().contains("app.expose"), e.getMessage());
    }

    private ComposeFile file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return ComposeFile.load(file, Map.of());
    }
}
