package io.weatherpipeline.stack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.weatherpipeline.stack.HttpProbe;
import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.Readiness;
import io.weatherpipeline.stack.StackException;
import io.weatherpipeline.stack.StackSettings;

/**
 * The supervisor behind {@code ./weather}: starts the local stack (the servers, package
 * {@code io.weatherpipeline.stack}) and the services of {@link ServiceCatalog}, records what runs where,
 * and stops everything on SIGTERM or Ctrl-C.
 *
 * <pre>
 *   run [--fresh] [--servers-only]   start and stay in the foreground until stopped
 *   status                            one line per component with its health
 *   services                          one line per service: name, module, port (for ./weather)
 * </pre>
 */
public final class WeatherLauncher {

    /** Tab-separated: name, pid, kind (server|service), health url or '-', log file, restarts, state ({@link ServiceSupervisor}). */
    static final String COMPONENTS_FILE = "components.tsv";
    static final String READY_FILE = "ready";

    private WeatherLauncher() {
    }

    public static void main(String[] args) {
        Path workDir = Path.of(System.getenv().getOrDefault("WEATHER_HOME", ".weather")).toAbsolutePath();
        Path repo = Path.of(System.getenv().getOrDefault("WEATHER_REPO", ".")).toAbsolutePath();
        String command = args.length == 0 ? "run" : args[0];
        List<String> flags = List.of(args).subList(Math.min(1, args.length), args.length);
        try {
            switch (command) {
                case "run" -> run(workDir, repo, flags.contains("--fresh"), flags.contains("--servers-only"));
                case "status" -> System.exit(StackStatus.print(workDir) ? 0 : 1);
                case "services" -> ServiceCatalog.ALL.forEach(s ->
                        System.out.println(s.name() + "\t" + s.module() + "\t" + s.port()));
                default -> {
                    System.err.println("usage: WeatherLauncher run [--fresh] [--servers-only] | status | services");
                    System.exit(2);
                }
            }
        } catch (StackException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("weather: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Path workDir, Path repo, boolean fresh, boolean serversOnly) {
        StackSettings settings = StackSettings.fromEnvironment(workDir, System.getenv());
        Path state = workDir.resolve("state");
        LocalStack.deleteTree(state);
        if (fresh) {
            LocalStack.wipe(workDir);
            // The services' local state belongs with the servers' data: the consumer's checkpoints, the statistics.
            LocalStack.deleteTree(workDir.resolve("checkpoints"));
            LocalStack.deleteTree(workDir.resolve("stats"));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        long t0 = System.nanoTime();
        LocalStack stack = LocalStack.start(settings);
        AtomicReference<ServiceSupervisor> supervisor = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("[weather] stopping services and servers");
            if (supervisor.get() != null) {
                supervisor.get().close();
            }
            stack.close();
            LocalStack.deleteTree(state);
            System.err.println("[weather] stopped");
            stopped.countDown();
        }, "weather-shutdown"));
        System.err.printf("[weather] servers ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        List<ServiceCatalog.Service> catalog = serversOnly ? List.of() : ServiceCatalog.ALL;
        supervisor.set(new ServiceSupervisor(stack.processes(), catalog, s -> startService(s, repo, settings), state));
        for (ManagedProcess p : supervisor.get().initialProcesses()) {
            String health = ServiceCatalog.named(p.name()).healthUrl();
            Readiness.await(p, "/q/health/ready to answer 200", Duration.ofSeconds(120),
                    () -> HttpProbe.status(health) == 200 ? null : "not ready");
        }
        if (!serversOnly) {
            System.err.printf("[weather] services ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        supervisor.get().start();
        writeReady(state, stack.endpoints(), serversOnly);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ManagedProcess startService(ServiceCatalog.Service service, Path repo, StackSettings settings) {
        Ports.requireFree(service.port(), service.name() + " HTTP");
        return ManagedProcess.start(service.name(), ServiceCommand.of(ServiceCommand.jarOf(repo, service.module())),
                service.environment(settings, System.getenv()), repo.resolve(service.module()),
                settings.logDir().resolve(service.name() + ".log"), settings.pidDir());
    }

    private static void writeReady(Path state, List<String> endpoints, boolean serversOnly) {
        StringBuilder ready = new StringBuilder();
        if (!serversOnly) {
            // Where a person starts: the page over everything else.
            ready.append("Dashboard  ").append(ServiceCatalog.named("dashboard").url()).append('\n');
        }
        endpoints.forEach(e -> ready.append(e).append('\n'));
        if (!serversOnly) {
            ready.append("Services  ");
            ServiceCatalog.ALL.forEach(s -> ready.append(' ').append(s.name()).append(' ').append(s.url()).append(' '));
            ready.append('\n');
        }
        try {
            Files.createDirectories(state);
            // Written last: its presence tells ./weather up that everything answered.
            Files.writeString(state.resolve(READY_FILE), ready);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + state, e);
        }
    }
}
