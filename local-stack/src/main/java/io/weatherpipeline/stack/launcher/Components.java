package io.weatherpipeline.stack.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.weatherpipeline.stack.StackException;

/**
 * {@code state/components.tsv}: what the launcher runs, one line per server process or service, as
 * {@link ServiceSupervisor} writes it (atomically) and {@code ./weather status} and the soak read it.
 */
public final class Components {

    /**
     * One component.
     *
     * @param healthUrl readiness URL of a service, {@code "-"} for a server
     * @param restarts restarts after crashes ({@code "-"} for a server)
     * @param state {@code running}, {@code waiting to restart} or {@code stopped}
     */
    public record Row(String name, long pid, String kind, String healthUrl, String logFile, String restarts,
            String state) {

        public boolean isService() {
            return kind.equals("service");
        }
    }

    private Components() {
    }

    /** The file under a launcher's state directory. */
    public static Path file(Path stateDir) {
        return stateDir.resolve(WeatherLauncher.COMPONENTS_FILE);
    }

    /** Tab-separated: name, pid, kind, health url or '-', log file, restarts, state. */
    static String line(Row r) {
        return String.join("\t", r.name(), String.valueOf(r.pid()), r.kind(), r.healthUrl(), r.logFile(), r.restarts(),
                r.state());
    }

    /** The rows, or none when the file does not exist (nothing runs). */
    public static List<Row> read(Path stateDir) {
        Path file = file(stateDir);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StackException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length != 7) {
                throw new StackException(file + " has a line of " + f.length + " fields, not 7: '" + line
                        + "' (written by an older launcher? ./weather down, then up)");
            }
            rows.add(new Row(f[0], Long.parseLong(f[1]), f[2], f[3], f[4], f[5], f[6]));
        }
        return rows;
    }
}
