package io.weatherpipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weatherpipeline.stack.launcher.WeatherLauncher;

/**
 * The launcher as users run it, as its own process: a kill -9 of it leaves no server behind, a
 * second start finds the data of the first, and SIGTERM stops everything. MariaDB alone keeps this
 * fast; every server goes through the same process management.
 */
class LauncherProcessTest {

    @TempDir
    Path work;

    private Process launcher;

    @AfterEach
    void tearDown() {
        if (launcher != null) {
            launcher.destroyForcibly();
        }
        StalePids.stopAll(work.resolve("pids"));
    }

    @Test
    void killNineLeavesNoOrphanAndRestartFindsTheData() throws Exception {
        int port = Ports.free();
        launcher = startLauncher(port);
        awaitReady();
        long serverPid = pidOf("mariadb");
        sql(port, "CREATE TABLE kept (v INT); INSERT INTO kept VALUES (42);");

        launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs
        launcher.waitFor(10, TimeUnit.SECONDS);
        assertTrue(waitUntilDead(serverPid), "mariadbd (pid " + serverPid + ") outlived its killed launcher");

        launcher = startLauncher(port);
        awaitReady();
        assertEquals("42", sql(port, "SELECT v FROM kept;"));

        long secondPid = pidOf("mariadb");
        launcher.destroy(); // SIGTERM: the orderly stop of ./weather down
        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "launcher did not stop on SIGTERM");
        assertTrue(waitUntilDead(secondPid), "mariadbd outlived an orderly stop");
        assertFalse(Files.exists(work.resolve("state/ready")), "state left behind after stop");
    }

    @Test
    void aTakenPortFailsWithOneClearLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            launcher = startLauncher(taken.getLocalPort());
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, launcher.exitValue());
            String log = Files.readString(work.resolve("launcher.out"));
            assertTrue(log.contains("weather: Port " + taken.getLocalPort() + " (MariaDB) is already taken"), log);
        }
    }

    private Process startLauncher(int mysqlPort) throws IOException {
        // As ./weather up does: a killed launcher could not remove its ready marker.
        Files.deleteIfExists(work.resolve("state/ready"));
        String cp = Path.of("target/classes").toAbsolutePath() + java.io.File.pathSeparator + ServerClasspath.classpath();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, WeatherLauncher.class.getName(), "run", "--servers-only")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("launcher.out").toFile()));
        pb.environment().putAll(Map.of("WEATHER_HOME", work.toString(), "WEATHER_SERVERS", "mariadb",
                "WEATHER_MYSQL_PORT", String.valueOf(mysqlPort)));
        return pb.start();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(work.resolve("state/ready"))) {
            assertTrue(launcher.isAlive(), () -> "launcher exited: " + read(work.resolve("launcher.out")));
            assertTrue(System.nanoTime() < deadline, "launcher not ready in 90 s");
            Thread.sleep(100);
        }
    }

    private long pidOf(String name) throws IOException {
        return Long.parseLong(Files.readString(work.resolve("pids").resolve(name + ".pid")).trim());
    }

    private static boolean waitUntilDead(long pid) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String sql(int port, String statements) throws Exception {
        Process p = new ProcessBuilder(MariaDbServer.binary("mariadb").toString(), "--no-defaults", "--protocol=TCP",
                "-h", "127.0.0.1", "-P", String.valueOf(port), "-u", "weather", "-pweather", "-D", "weather",
                "-N", "-B", "-e", statements).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
