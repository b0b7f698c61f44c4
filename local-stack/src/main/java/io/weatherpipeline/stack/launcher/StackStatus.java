package io.weatherpipeline.stack.launcher;

import java.nio.file.Path;
import java.util.List;

import io.weatherpipeline.stack.HttpProbe;

/** Prints what the running launcher started, each with whether it is alive and healthy. */
final class StackStatus {

    private StackStatus() {
    }

    /** Returns true when everything listed is up. */
    static boolean print(Path workDir) {
        List<Components.Row> rows = Components.read(workDir.resolve("state"));
        if (rows.isEmpty()) {
            System.out.println("Nothing is running from " + workDir + " (start it with ./weather up).");
            return false;
        }
        boolean allUp = true;
        System.out.printf("%-12s %-8s %-8s %-10s %-8s %s%n", "COMPONENT", "PID", "KIND", "HEALTH", "RESTARTS", "LOG");
        for (Components.Row r : rows) {
            boolean alive = ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false);
            String health;
            if (r.state().equals("stopped")) {
                // Stopped on purpose (./weather stop NAME): not a failure of the stack.
                System.out.printf("%-12s %-8s %-8s %-10s %-8s %s%n", r.name(), "-", r.kind(), "STOPPED", r.restarts(),
                        r.logFile());
                continue;
            } else if (r.state().equals("waiting to restart")) {
                health = "RESTARTING";
            } else if (!alive) {
                health = "DOWN";
            } else if (!r.isService()) {
                health = "running";
            } else {
                int code = HttpProbe.status(r.healthUrl());
                health = code == 200 ? "UP" : code == -1 ? "no-answer" : "NOT-READY";
            }
            allUp &= alive && !health.equals("no-answer") && !health.equals("NOT-READY") && !health.equals("RESTARTING");
            System.out.printf("%-12s %-8s %-8s %-10s %-8s %s%n", r.name(), r.pid(), r.kind(), health, r.restarts(),
                    r.logFile());
        }
        return allUp;
    }
}
