package io.weatherpipeline.stack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.weatherpipeline.stack.ManagedProcess;

/**
 * Keeps the services running under {@code ./weather up}: a service that exits by itself is started
 * again after {@link RestartPolicy#pause}, and {@code ./weather stop|start|restart NAME} act on one
 * service through a control file {@code state/control/NAME} holding the command. The state of every
 * service (pid, restarts, running or stopped) is written to {@code state/components.tsv} for
 * {@code ./weather status} whenever it changes.
 *
 * <p>Thread model: one daemon thread, "supervisor", owns the services' states and processes: it
 * alone starts and stops them, every {@value #TICK_MILLIS} ms. {@link #close()} (the launcher's
 * shutdown hook) stops that thread first, then the processes, so nothing is restarted while the
 * stack goes down.
 */
public final class ServiceSupervisor implements AutoCloseable {

    static final long TICK_MILLIS = 250;

    /** What a service is doing. */
    enum State {
        RUNNING, WAITING_TO_RESTART, STOPPED
    }

    /** One supervised service; touched by the supervisor thread only (and by the constructor). */
    static final class Supervised {
        final ServiceCatalog.Service service;
        ManagedProcess process;
        State state = State.RUNNING;
        int restarts;
        int crashesInARow;
        long startedAt;
        long restartAt;

        Supervised(ServiceCatalog.Service service) {
            this.service = service;
        }
    }

    private final List<Supervised> services = new ArrayList<>();
    private final List<ManagedProcess> servers;
    private final Function<ServiceCatalog.Service, ManagedProcess> starter;
    private final Path state;
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param starter starts one service (its process); also used for restarts
     * @param state the launcher's state directory
     */
    public ServiceSupervisor(List<ManagedProcess> servers, List<ServiceCatalog.Service> catalog,
            Function<ServiceCatalog.Service, ManagedProcess> starter, Path state) {
        this.servers = servers;
        this.starter = starter;
        this.state = state;
        for (ServiceCatalog.Service s : catalog) {
            Supervised sup = new Supervised(s);
            sup.process = starter.apply(s);
            sup.startedAt = System.nanoTime();
            services.add(sup);
        }
        this.thread = new Thread(this::loop, "supervisor");
        this.thread.setDaemon(true);
    }

    /** The services' processes as first started (the launcher waits for them to be ready). */
    public List<ManagedProcess> initialProcesses() {
        return services.stream().map(s -> s.process).toList();
    }

    /** Writes the components file and starts watching. */
    public void start() {
        writeComponents();
        thread.start();
    }

    private void loop() {
        while (!closing) {
            boolean changed = false;
            long now = System.nanoTime();
            for (Supervised s : services) {
                changed |= control(s);
                changed |= watch(s, now);
            }
            if (changed) {
                writeComponents();
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Carries out a command of {@code ./weather} for this service, if there is one. */
    private boolean control(Supervised s) {
        Path file = state.resolve("control").resolve(s.service.name());
        String command;
        try {
            command = Files.readString(file).trim();
            Files.delete(file);
        } catch (NoSuchFileException none) {
            return false;
        } catch (IOException e) {
            System.err.println("[weather] cannot read " + file + ": " + e.getMessage());
            return false;
        }
        switch (command) {
            case "stop" -> {
                stopProcess(s);
                s.state = State.STOPPED;
                System.err.println("[weather] " + s.service.name() + " stopped (./weather start " + s.service.name()
                        + " starts it again)");
            }
            case "start", "restart" -> {
                stopProcess(s);
                s.crashesInARow = 0;
                startProcess(s, System.nanoTime());
                System.err.println("[weather] " + s.service.name() + " " + command + "ed, pid " + s.process.pid());
            }
            default -> System.err.println("[weather] unknown command '" + command + "' in " + file
                    + " (stop, start or restart)");
        }
        return true;
    }

    /** Notices a crash and restarts after the policy's pause. */
    private boolean watch(Supervised s, long now) {
        switch (s.state) {
            case RUNNING -> {
                if (s.process.isAlive()) {
                    return false;
                }
                Duration ranFor = Duration.ofNanos(now - s.startedAt);
                s.crashesInARow = RestartPolicy.crashesInARow(s.crashesInARow, ranFor);
                Duration pause = RestartPolicy.pause(s.crashesInARow);
                s.restartAt = now + pause.toNanos();
                s.state = State.WAITING_TO_RESTART;
                System.err.printf("[weather] %s exited with status %s after %d s; restarting in %d s (see %s)%n",
                        s.service.name(), s.process.exitCode(), ranFor.toSeconds(), pause.toSeconds(), s.process.logFile());
                return true;
            }
            case WAITING_TO_RESTART -> {
                if (now - s.restartAt < 0) {
                    return false;
                }
                startProcess(s, now);
                s.restarts++;
                System.err.printf("[weather] %s restarted (restart %d), pid %d%n", s.service.name(), s.restarts,
                        s.process.pid());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void startProcess(Supervised s, long now) {
        try {
            s.process = starter.apply(s.service);
            s.startedAt = now;
            s.state = State.RUNNING;
        } catch (RuntimeException e) {
            // Its port still taken, say: try again after the next pause.
            s.crashesInARow++;
            s.restartAt = now + RestartPolicy.pause(s.crashesInARow).toNanos();
            s.state = State.WAITING_TO_RESTART;
            System.err.println("[weather] cannot start " + s.service.name() + ": " + e.getMessage());
        }
    }

    private static void stopProcess(Supervised s) {
        if (s.process != null && s.process.isAlive()) {
            s.process.stop(20);
        }
    }

    /** Writes {@link Components}' file. */
    private void writeComponents() {
        StringBuilder tsv = new StringBuilder();
        for (ManagedProcess p : servers) {
            tsv.append(Components.line(new Components.Row(p.name(), p.pid(), "server", "-", p.logFile().toString(), "-",
                    "running"))).append('\n');
        }
        for (Supervised s : services) {
            tsv.append(Components.line(new Components.Row(s.service.name(), s.process.pid(), "service",
                    s.service.healthUrl(), s.process.logFile().toString(), String.valueOf(s.restarts),
                    s.state.name().toLowerCase().replace('_', ' ')))).append('\n');
        }
        try {
            Files.createDirectories(state.resolve("control"));
            Path tmp = state.resolve(WeatherLauncher.COMPONENTS_FILE + ".tmp");
            Files.writeString(tmp, tsv);
            Files.move(tmp, state.resolve(WeatherLauncher.COMPONENTS_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + state, e);
        }
    }

    /** Stops watching, then every service, last started first. */
    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            stopProcess(services.get(i));
        }
    }
}
