package io.weatherpipeline.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short preparation command (format a disk, initialise a data directory) and checks that it worked. */
final class OneShot {

    private OneShot() {
    }

    static void run(String what, List<String> command, Path log, long timeoutSeconds) {
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StackException(what + " did not finish within " + timeoutSeconds + " s; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new StackException(what + " failed with exit code " + p.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new StackException(what + " could not run (" + command.get(0) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted during " + what, e);
        }
    }
}
