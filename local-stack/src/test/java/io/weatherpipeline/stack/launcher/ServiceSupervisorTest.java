package io.weatherpipeline.stack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weatherpipeline.stack.ManagedProcess;

/**
 * The supervisor on real processes (a {@code sleep} stands in for a service): a killed one is started
 * again after the restart pause and counted, and stop, start and restart commands act on one.
 */
class ServiceSupervisorTest {

    @TempDir
    Path work;

    private ManagedProcess sleeper(ServiceCatalog.Service s) {
        return ManagedProcess.start(s.name(), List.of("sleep", "600"), Map.of(), work, work.resolve(s.name() + ".log"),
                work.resolve("pids"));
    }

    @Test
    void restartsACrashedServiceAndObeysCommands() throws Exception {
        ServiceCatalog.Service one = new ServiceCatalog.Service("one", "one-service", 1, EnumSet.noneOf(
                io.weatherpipeline.stack.StackSettings.Server.class), (stack, env) -> Map.of());
        ServiceCatalog.Service two = new ServiceCatalog.Service("two", "two-service", 2, EnumSet.noneOf(
                io.weatherpipeline.stack.StackSettings.Server.class), (stack, env) -> Map.of());
        Path state = work.resolve("state");
        try (ServiceSupervisor supervisor = new ServiceSupervisor(List.of(), List.of(one, two), this::sleeper, state)) {
            supervisor.start();
            long firstPid = supervisor.initialProcesses().get(0).pid();
            assertEquals(List.of("0", "running"), row(state, "one"));

            new ProcessBuilder("kill", "-9", String.valueOf(firstPid)).start().waitFor();
            await(() -> row(state, "one").equals(List.of("1", "running")), "one restarted once");
            assertNotEquals(String.valueOf(firstPid), pid(state, "one"));
            assertEquals(List.of("0", "running"), row(state, "two"), "the other service is left alone");

            command(state, "two", "stop");
            await(() -> row(state, "two").get(1).equals("stopped"), "two stopped");
            Thread.sleep(3 * ServiceSupervisor.TICK_MILLIS + RestartPolicy.FIRST_PAUSE.toMillis());
            assertEquals("stopped", row(state, "two").get(1), "a stopped service is not restarted");

            String before = pid(state, "two");
            command(state, "two", "start");
            await(() -> row(state, "two").get(1).equals("running") && !pid(state, "two").equals(before), "two started");
            String again = pid(state, "one");
            command(state, "one", "restart");
            await(() -> !pid(state, "one").equals(again), "one restarted on command");
            assertEquals("1", row(state, "one").get(0), "a restart on command is not a crash");
        }
    }

    private static void command(Path state, String name, String command) throws IOException {
        Files.createDirectories(state.resolve("control"));
        Files.writeString(state.resolve("control").resolve(name), command + "\n");
    }

    /** restarts and state of a component in components.tsv. */
    private static List<String> row(Path state, String name) {
        String[] f = line(state, name);
        return f == null ? List.of("?", "?") : List.of(f[5], f[6]);
    }

    private static String pid(Path state, String name) {
        String[] f = line(state, name);
        return f == null ? "?" : f[1];
    }

    private static String[] line(Path state, String name) {
        try {
            for (String l : Files.readAllLines(state.resolve(WeatherLauncher.COMPONENTS_FILE))) {
                String[] f = l.split("\t");
                if (f[0].equals(name)) {
                    return f;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 15 s: " + what);
            Thread.sleep(50);
        }
    }
}
