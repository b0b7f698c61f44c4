package io.weatherpipeline.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and stops processes recorded in a pid directory by an earlier run that did not stop
 * cleanly. A pid is only acted on while the process it names is still alive, so a recycled pid of
 * some unrelated program that has since ended is never touched.
 */
public final class StalePids {

    private StalePids() {
    }

    /** Live processes named by {@code *.pid} files in {@code pidDir}. */
    public static List<ProcessHandle> live(Path pidDir) {
        List<ProcessHandle> live = new ArrayList<>();
        if (!Files.isDirectory(pidDir)) {
            return live;
        }
        try (Stream<Path> files = Files.list(pidDir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".pid"))::iterator) {
                readPid(file).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(live::add);
            }
        } catch (IOException e) {
            throw new StackException("Cannot read pid directory " + pidDir + ": " + e.getMessage(), e);
        }
        return live;
    }

    /** Kills every live process in {@code pidDir} (TERM, then KILL) and removes the pid files. */
    public static int stopAll(Path pidDir) {
        List<ProcessHandle> live = live(pidDir);
        live.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + 15_000_000_000L;
        for (ProcessHandle p : live) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                sleep(100);
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.isDirectory(pidDir) ? Files.list(pidDir) : Stream.empty()) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".pid"))::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new StackException("Cannot clean pid directory " + pidDir + ": " + e.getMessage(), e);
        }
        return live.size();
    }

    static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
