package io.weatherpipeline.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.weatherpipeline.soak.FaultPlan.Fault;
import io.weatherpipeline.soak.FaultPlan.Kind;
import io.weatherpipeline.stack.HttpProbe;
import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.ManagedProcess;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.Readiness;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.stack.launcher.Components;
import io.weatherpipeline.stack.launcher.ServiceCatalog;
import io.weatherpipeline.stack.launcher.ServiceCommand;
import io.weatherpipeline.stack.launcher.ServiceSupervisor;
import io.weatherpipeline.testsupport.MariaDbQuery;

/**
 * {@code soak/run}: the whole pipeline — every service of {@link ServiceCatalog} that keeps data —
 * on a fresh stack with three Kafka brokers, MariaDB and HDFS (3 DataNodes), for {@code SOAK_MINUTES}
 * (default 20) while {@link FaultPlan} injects {@code SOAK_KILLS} (default 100) kill -9s and a MariaDB
 * restart, a lost broker and a lost DataNode; the launcher's {@link ServiceSupervisor} restarts what is
 * killed. Then the generator stops, the rest drains, and {@link Reconciler} checks every sink against
 * table {@code temperatures}. Prints a table (and writes soak/target/soak-report.md); exits 1 on any
 * loss or duplicate.
 *
 * <p>Thread model: the main thread injects faults and measures; the supervisor's thread restarts
 * services; they share only the processes (killed by pid, which the supervisor notices).
 */
public final class Soak {

    private static final Pattern WATERMARK = Pattern.compile("\"last_sent_row_id\"\\s*:\\s*(-?\\d+)");
    private static final Duration SERVER_OUTAGE = Duration.ofSeconds(15);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(180);
    private static final double ALERT_THRESHOLD = 30.0;

    /** One injected fault and how long the pipeline took to answer ready again. */
    record Injected(Fault fault, double recoverySeconds, String note) {
    }

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        Duration run = Duration.ofSeconds(Math.round(Double.parseDouble(env("SOAK_MINUTES", "20")) * 60));
        int kills = Integer.parseInt(env("SOAK_KILLS", "100"));
        long seed = Long.parseLong(env("SOAK_SEED", String.valueOf(System.nanoTime())));
        Path repo = Path.of("").toAbsolutePath();
        Path work = repo.resolve("soak/target/soak-stack");
        LocalStack.wipe(work);
        LocalStack.deleteTree(work);
        int kafka = Ports.freeRun(6);
        StackSettings settings = new StackSettings(work, EnumSet.allOf(Server.class), kafka, kafka + 1, Ports.free(),
                Ports.free(), Ports.free(), 3, "weather", "weather", "weather", 3);
        List<ServiceCatalog.Service> services = ServiceCatalog.ALL.stream()
                .filter(s -> !s.name().equals("dashboard")).toList();
        for (ServiceCatalog.Service s : services) {
            ServiceCommand.of(ServiceCommand.jarOf(repo, s.module())); // fails early, naming a jar that is missing
        }
        System.err.printf("[soak] %s, %d kills, seed %d, services %s, 3 Kafka brokers%n", run, kills, seed,
                services.stream().map(ServiceCatalog.Service::name).toList());
        List<String> report = new ArrayList<>();
        boolean ok;
        long t0 = System.nanoTime();
        try (LocalStack stack = LocalStack.start(settings)) {
            Path state = work.resolve("state");
            Function<ServiceCatalog.Service, ManagedProcess> starter = s -> ManagedProcess.start(s.name(),
                    ServiceCommand.of(ServiceCommand.jarOf(repo, s.module())), s.environment(settings, Map.of()),
                    repo.resolve(s.module()), settings.logDir().resolve(s.name() + ".log"), settings.pidDir());
            try (ServiceSupervisor supervisor = new ServiceSupervisor(stack.processes(), services, starter, state)) {
                for (ManagedProcess p : supervisor.initialProcesses()) {
                    String health = ServiceCatalog.named(p.name()).healthUrl();
                    Readiness.await(p, health + " to answer 200", Duration.ofSeconds(180),
                            () -> HttpProbe.status(health) == 200 ? null : "not ready");
                }
                supervisor.start();
                System.err.printf("[soak] everything ready in %.0f s; injecting faults%n", (System.nanoTime() - t0) / 1e9);
                List<Injected> injected = inject(stack, state, services, FaultPlan.of(run, kills,
                        services.stream().map(ServiceCatalog.Service::name).toList(), seed), run);
                List<Verdict> verdicts = drainAndReconcile(settings, state, services);
                ok = verdicts.stream().allMatch(Verdict::ok);
                report.addAll(report(run, kills, seed, injected, verdicts, settings));
            }
        }
        report.forEach(System.out::println);
        Path out = repo.resolve("soak/target/soak-report.md");
        Files.write(out, report);
        System.out.println("(also written to " + out + ")");
        System.exit(ok ? 0 : 1);
    }

    /**
     * Injects the plan on time: a service is killed and left to the supervisor, a server fault runs on
     * a thread of its own (its outage lasts {@link #SERVER_OUTAGE}); a watcher thread notes when each
     * fault's target (every service, for a server fault) answers ready again.
     */
    private static List<Injected> inject(LocalStack stack, Path state, List<ServiceCatalog.Service> services,
            List<Fault> plan, Duration run) throws Exception {
        List<Recovery> pending = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Injected> done = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread watcher = new Thread(() -> watch(state, services, pending, done), "recovery-watcher");
        watcher.setDaemon(true);
        watcher.start();
        List<Thread> serverFaults = new ArrayList<>();
        long start = System.nanoTime();
        for (Fault f : plan) {
            sleepUntil(start + f.at().toNanos());
            long at = System.nanoTime();
            System.err.printf("[soak] %5.0f s  %-16s %s%n", (at - start) / 1e9, f.kind(), f.target());
            if (f.kind() == Kind.KILL_SERVICE) {
                // The planned target may still be restarting from its last kill: then another that runs.
                Components.Row row = Components.read(state).stream()
                        .filter(r -> r.isService() && r.state().equals("running"))
                        .min(java.util.Comparator.comparing((Components.Row r) -> !r.name().equals(f.target())))
                        .orElse(null);
                if (row == null) {
                    done.add(new Injected(f, 0, "skipped: no service was running"));
                    continue;
                }
                Fault actual = new Fault(f.at(), f.kind(), row.name());
                new ProcessBuilder("kill", "-9", String.valueOf(row.pid())).start().waitFor();
                pending.add(new Recovery(actual, at, row.name(), row.pid()));
                continue;
            }
            Thread t = new Thread(() -> {
                switch (f.kind()) {
                    case RESTART_MARIADB -> stack.restartMariaDb();
                    case KILL_BROKER -> {
                        stack.killKafkaBroker(1);
                        pause(SERVER_OUTAGE);
                        stack.restartKafkaBroker(1);
                    }
                    case KILL_DATANODE -> {
                        stack.killDataNode(2);
                        pause(SERVER_OUTAGE);
                        stack.restartDataNode(2);
                    }
                    default -> throw new IllegalStateException(f.kind().toString());
                }
                pending.add(new Recovery(f, at, null, -1));
            }, "fault-" + f.kind());
            t.start();
            serverFaults.add(t);
        }
        sleepUntil(start + run.toNanos());
        for (Thread t : serverFaults) {
            t.join();
        }
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        watcher.interrupt();
        for (Recovery r : pending) {
            done.add(new Injected(r.fault(), (System.nanoTime() - r.at()) / 1e9, "not back within the limit"));
        }
        return List.copyOf(done);
    }

    /** A fault whose target has not answered ready since. */
    private record Recovery(Fault fault, long at, String target, long oldPid) {
    }

    /** Notes, every 250 ms, which pending faults' targets answer ready again. */
    private static void watch(Path state, List<ServiceCatalog.Service> services, List<Recovery> pending,
            List<Injected> done) {
        while (!Thread.currentThread().isInterrupted()) {
            for (Recovery r : pending) {
                if (recovered(state, services, r.target(), r.oldPid())) {
                    double seconds = (System.nanoTime() - r.at()) / 1e9;
                    done.add(new Injected(r.fault(), seconds, ""));
                    pending.remove(r);
                    System.err.printf("[soak]         %-16s %-10s back in %.1f s%n", r.fault().kind(), r.fault().target(),
                            seconds);
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether {@code target} (or, when null, every service) runs with a new pid and answers ready. */
    private static boolean recovered(Path state, List<ServiceCatalog.Service> services, String target, long oldPid) {
        for (ServiceCatalog.Service s : services) {
            if (target != null && !s.name().equals(target)) {
                continue;
            }
            Components.Row row = row(state, s.name());
            if (row == null || !row.state().equals("running") || row.pid() == oldPid
                    || HttpProbe.status(s.healthUrl()) != 200) {
                return false;
            }
        }
        return true;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Verdict> drainAndReconcile(StackSettings settings, Path state,
            List<ServiceCatalog.Service> services) throws Exception {
        Files.writeString(state.resolve("control").resolve("generator"), "stop\n");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"stopped".equals(row(state, "generator") == null ? null : row(state, "generator").state())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the generator did not stop");
            }
            Thread.sleep(200);
        }
        long maxId = Long.parseLong(MariaDbQuery.rows(settings, "SELECT COALESCE(MAX(id), 0) FROM temperatures").get(0));
        String producerHealth = ServiceCatalog.named("producer").healthUrl();
        deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (watermark(producerHealth) < maxId && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Reconciler reconciler = new Reconciler(settings, ALERT_THRESHOLD);
        List<String> names = services.stream().map(ServiceCatalog.Service::name).toList();
        List<Verdict> verdicts = List.of();
        deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        // The sinks catch up at their own pace (flush ages, window closes): ask until all agree or time is up.
        while (System.nanoTime() < deadline) {
            Map<String, Double> table = reconciler.table();
            List<Verdict> now = new ArrayList<>();
            now.add(reconciler.parquet(table));
            if (names.contains("stats")) {
                now.add(reconciler.stats(table));
            }
            if (names.contains("alerts")) {
                now.add(reconciler.alerts(table));
            }
            if (names.contains("windows")) {
                now.add(reconciler.windows(table, ServiceCatalog.named("windows").port()));
            }
            verdicts = now;
            if (now.stream().allMatch(Verdict::ok)) {
                break;
            }
            Thread.sleep(5000);
        }
        return verdicts;
    }

    private static List<String> report(Duration run, int kills, long seed, List<Injected> injected, List<Verdict> verdicts,
            StackSettings settings) throws Exception {
        List<String> out = new ArrayList<>();
        long rows = Long.parseLong(MariaDbQuery.rows(settings, "SELECT COUNT(*) FROM temperatures").get(0));
        out.add("## Soak " + LocalDateTime.now().withNano(0) + ": " + run.toMinutes() + " min, seed " + seed + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, 3 Kafka brokers, 3 DataNodes");
        out.add("");
        out.add("| fault | target | injected | back to ready: median | max |");
        out.add("|---|---|---:|---:|---:|");
        Map<String, List<Double>> byKind = new LinkedHashMap<>();
        for (Injected i : injected) {
            if (i.note().isEmpty() || i.note().startsWith("not back")) {
                String key = i.fault().kind() + (i.fault().kind() == Kind.KILL_SERVICE ? "\t" + i.fault().target() : "\t"
                        + i.fault().target());
                byKind.computeIfAbsent(key, k -> new ArrayList<>()).add(i.recoverySeconds());
            }
        }
        byKind.forEach((k, times) -> {
            List<Double> sorted = times.stream().sorted().toList();
            String[] f = k.split("\t");
            out.add(String.format("| %s | %s | %d | %.1f s | %.1f s |", f[0].toLowerCase().replace('_', ' '), f[1],
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1)));
        });
        long skipped = injected.stream().filter(i -> i.note().startsWith("skipped")).count();
        long notBack = injected.stream().filter(i -> i.note().startsWith("not back")).count();
        out.add("");
        out.add(String.format("%d kill -9s planned, %d done (%d skipped: no service was running); %d fault(s) not"
                + " recovered within %d s; rows produced: %,d", kills, kills - skipped, skipped, notBack,
                RECOVERY_LIMIT.toSeconds(), rows));
        out.add("");
        out.add("| sink | verdict | figures |");
        out.add("|---|---|---|");
        for (Verdict v : verdicts) {
            out.add("| " + v.sink() + " | " + (v.ok() ? "exactly once" : "**FAILED**") + " | " + v.detail() + " |");
        }
        return out;
    }

    private static Components.Row row(Path state, String name) {
        return Components.read(state).stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    private static long watermark(String healthUrl) {
        String body = HttpProbe.body(healthUrl);
        Matcher m = WATERMARK.matcher(body == null ? "" : body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
