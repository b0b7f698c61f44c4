package io.weatherpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The supervisor behind {@code ./weather}: starts the local stack and the four services, records
 * what runs where, and stops everything on SIGTERM or Ctrl-C.
 *
 * <pre>
 *   run [--fresh] [--servers-only]   start and stay in the foreground until stopped
 *   status                            one line per component with its health
 * </pre>
 */
public final class WeatherLauncher {

    /** Tab-separated: name, pid, kind (server|service), health url or '-', log file. */
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
                default -> {
                    System.err.println("usage: WeatherLauncher run [--fresh] [--servers-only] | status");
                    System.exit(2);
                }
            }
        } catch (StackException | IllegalArgumentException e) {
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
            LocalStack.deleteTree(workDir.resolve("checkpoints"));
        }
        List<ManagedProcess> services = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        long t0 = System.nanoTime();
        LocalStack stack = LocalStack.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("[weather] stopping services and servers");
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).stop(20);
            }
            stack.close();
            LocalStack.deleteTree(state);
            System.err.println("[weather] stopped");
            stopped.countDown();
        }, "weather-shutdown"));
        System.err.printf("[weather] servers ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        Map<ManagedProcess, String> health = new LinkedHashMap<>();
        stack.processes().forEach(p -> health.put(p, "-"));
        if (!serversOnly) {
            String partitions = System.getenv().getOrDefault("WEATHER_CONSUMER_PARTITIONS", "0,1,2,3");
            for (ServiceSpec spec : ServiceSpec.pipeline(settings, partitions)) {
                ManagedProcess p = startService(spec, repo, settings);
                services.add(p);
                health.put(p, spec.healthUrl());
            }
            for (ManagedProcess p : services) {
                Readiness.await(p, "/q/health/ready to answer 200", Duration.ofSeconds(120),
                        () -> HttpProbe.status(health.get(p)) == 200 ? null : "not ready");
            }
            System.err.printf("[weather] services ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        writeState(state, health, stack.endpoints(), serversOnly);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ManagedProcess startService(ServiceSpec spec, Path repo, StackSettings settings) {
        Path jar = repo.resolve(spec.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new StackException(spec.name() + " is not built (" + jar + " is missing): run ./mvnw install -DskipTests");
        }
        Ports.requireFree(spec.httpPort(), spec.name() + " HTTP");
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(spec.httpPort()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ManagedProcess.start(spec.name(), List.of(java, "-Xmx256m", "-jar", jar.toString()), env,
                repo.resolve(spec.module()), settings.logDir().resolve(spec.name() + ".log"), settings.pidDir());
    }

    private static void writeState(Path state, Map<ManagedProcess, String> health, List<String> endpoints,
            boolean serversOnly) {
        StringBuilder tsv = new StringBuilder();
        health.forEach((p, url) -> tsv.append(p.name()).append('\t').append(p.pid()).append('\t')
                .append(url.equals("-") ? "server" : "service").append('\t').append(url).append('\t')
                .append(p.logFile()).append('\n'));
        StringBuilder ready = new StringBuilder();
        endpoints.forEach(e -> ready.append(e).append('\n'));
        if (!serversOnly) {
            ready.append("Services   generator http://localhost:").append(ServiceSpec.GENERATOR_PORT)
                    .append("  producer http://localhost:").append(ServiceSpec.PRODUCER_PORT)
                    .append("  consumer http://localhost:").append(ServiceSpec.CONSUMER_PORT)
                    .append("  debug http://localhost:").append(ServiceSpec.DEBUG_PORT).append('\n');
        }
        try {
            Files.createDirectories(state);
            Files.writeString(state.resolve(COMPONENTS_FILE), tsv);
            // Written last: its presence tells ./weather up that everything answered.
            Files.writeString(state.resolve(READY_FILE), ready);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + state, e);
        }
    }
}
