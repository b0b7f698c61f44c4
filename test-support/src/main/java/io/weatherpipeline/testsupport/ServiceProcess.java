package io.weatherpipeline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.launcher.ServiceCommand;

/**
 * A packaged service ({@code target/quarkus-app/quarkus-run.jar} of the module under test) run as its
 * own process, the way {@code ./weather} and compose run it, so that process-level tests can kill it
 * with SIGKILL. Its output goes to {@code <workDir>/<name>.log}.
 */
public final class ServiceProcess {

    private static final Path JAR = Path.of(ServiceCommand.JAR).toAbsolutePath();

    private final ManagedProcess process;
    private final int port;

    private ServiceProcess(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the module's packaged jar with {@code env} (config keys in environment form) on a free HTTP port. */
    public static ServiceProcess start(String name, Map<String, String> env, Path workDir) {
        return start(name, JAR, env, workDir);
    }

    /** Starts the packaged {@code jar} (a {@code quarkus-run.jar}) with {@code env} on a free HTTP port. */
    public static ServiceProcess start(String name, Path jar, Map<String, String> env, Path workDir) {
        List<String> command = ServiceCommand.of(jar);
        int port = Ports.free();
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(workDir.resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess p = ManagedProcess.start(name, command, all, workDir,
                workDir.resolve(name + ".log"), workDir.resolve("pids"));
        return new ServiceProcess(p, port);
    }

    /** The HTTP port it was started on. */
    public int port() {
        return port;
    }

    /** Its base URL, {@code http://localhost:PORT}. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** Waits until the HTTP server answers (the application has started). */
    public void awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status("/q/health/live") != 200) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited; see " + process.logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " not started in " + timeout.toSeconds() + " s; see "
                        + process.logFile());
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the log contains {@code text}; fails naming the log if the process exits first or time runs out. */
    public void awaitLog(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(text)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited before logging '" + text + "'; see "
                        + process.logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no '" + text + "' in " + process.logFile() + " within "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** HTTP status of a GET, or -1 when nothing answers. */
    public int status(String path) {
        try {
            return connect(path).getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Body of a GET (error bodies included), or "" when nothing answers. */
    public String body(String path) {
        try {
            HttpURLConnection c = connect(path);
            InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private HttpURLConnection connect(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        return c;
    }

    public String log() {
        try {
            return Files.readString(process.logFile());
        } catch (IOException e) {
            return "";
        }
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit status once exited, else null. */
    public Integer exitCode() {
        return process.exitCode();
    }

    /** SIGSTOP ({@code freeze=true}) or SIGCONT: a process that stops answering without dying, like a long GC pause. */
    public void freeze(boolean freeze) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", freeze ? "-STOP" : "-CONT", String.valueOf(process.pid()))
                .inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + (freeze ? "-STOP " : "-CONT ") + process.pid() + " failed");
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the group. */
    public void kill9() {
        process.kill();
    }

    /** SIGTERM, then SIGKILL after a grace period. */
    public void stop() {
        process.stop(20);
    }
}
