package io.weatherpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A long-running child process (a server or a service) whose output goes to a log file and whose
 * pid is recorded in a pid file.
 *
 * <p>The child is spawned through {@code setpriv --pdeathsig KILL} from a thread that lives exactly
 * as long as the child: if this JVM dies, even by {@code kill -9}, the kernel kills the child too,
 * so neither the launcher nor a crashed test leaves orphan servers behind.
 */
public final class ManagedProcess {

    private static final boolean SETPRIV = Files.isExecutable(Path.of("/usr/bin/setpriv"));

    private final String name;
    private final Path logFile;
    private final Path pidFile;
    private final Process process;

    private ManagedProcess(String name, Path logFile, Path pidFile, Process process) {
        this.name = name;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.process = process;
    }

    /**
     * Starts {@code command} with {@code env} added to this process's environment.
     *
     * @param pidDir where {@code <name>.pid} is written, so that {@link StalePids} can find it
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env,
            Path workingDir, Path logFile, Path pidDir) {
        List<String> full = new ArrayList<>();
        if (SETPRIV) {
            full.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);

        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread keeper = new Thread(() -> {
            Process p;
            try {
                p = builder.start();
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
                return;
            }
            started.complete(p);
            // This thread must outlive the child: the parent-death signal fires when it ends.
            while (p.isAlive()) {
                try {
                    p.waitFor();
                } catch (InterruptedException ignored) {
                    // keep waiting: ending this thread would kill the child
                }
            }
        }, "keeper-" + name);
        keeper.setDaemon(true);
        keeper.start();

        Process process;
        try {
            process = started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + name, e);
        } catch (ExecutionException e) {
            throw new StackException("Could not start " + name + " (" + String.join(" ", command) + "): "
                    + e.getCause().getMessage(), e.getCause());
        }
        Path pidFile = pidDir.resolve(name + ".pid");
        try {
            Files.createDirectories(pidDir);
            Files.writeString(pidFile, process.pid() + "\n");
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("Could not write " + pidFile, e);
        }
        return new ManagedProcess(name, logFile, pidFile, process);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code if the process has ended, else null. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** SIGTERM, then SIGKILL once {@code graceSeconds} have passed; removes the pid file. */
    public void stop(long graceSeconds) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is harmless: StalePids checks the process before acting on it
        }
    }

    /** SIGKILL, no grace: for crash tests. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", log " + logFile + ")";
    }
}
