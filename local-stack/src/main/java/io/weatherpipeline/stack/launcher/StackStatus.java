package io.weatherpipeline.stack.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.weatherpipeline.stack.HttpProbe;
import io.weatherpipeline.stack.StackException;

/** Prints what the running launcher started, each with whether it is alive and healthy. */
final class StackStatus {

    private StackStatus() {
    }

    /** Returns true when everything listed is up. */
    static boolean print(Path workDir) {
        Path file = workDir.resolve("state").resolve(WeatherLauncher.COMPONENTS_FILE);
        if (!Files.exists(file)) {
            System.out.println("Nothing is running from " + workDir + " (start it with ./weather up).");
            return false;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new StackException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        boolean allUp = true;
        System.out.printf("%-12s %-8s %-8s %-10s %-8s %s%n", "COMPONENT", "PID", "KIND", "HEALTH", "RESTARTS", "LOG");
        for (String line : lines) {
            String[] f = line.split("\t");
            long pid = Long.parseLong(f[1]);
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            String state = f.length > 6 ? f[6] : "running";
            String health;
            if (state.equals("stopped")) {
                // Stopped on purpose (./weather stop NAME): not a failure of the stack.
                System.out.printf("%-12s %-8s %-8s %-10s %-8s %s%n", f[0], "-", f[2], "STOPPED", f[5], f[4]);
                continue;
            } else if (state.equals("waiting to restart")) {
                health = "RESTARTING";
            } else if (!alive) {
                health = "DOWN";
            } else if (f[3].equals("-")) {
                health = "running";
            } else {
                int code = HttpProbe.status(f[3]);
                health = code == 200 ? "UP" : code == -1 ? "no-answer" : "NOT-READY";
            }
            allUp &= alive && !health.equals("no-answer") && !health.equals("NOT-READY") && !health.equals("RESTARTING");
            System.out.printf("%-12s %-8s %-8s %-10s %-8s %s%n", f[0], pid, f[2], health, f.length > 5 ? f[5] : "-", f[4]);
        }
        return allUp;
    }
}
