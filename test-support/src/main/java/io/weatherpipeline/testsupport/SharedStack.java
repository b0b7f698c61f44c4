package io.weatherpipeline.testsupport;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;

/**
 * One real server of each kind per test JVM, started on first use on free ports below
 * {@code target/weather-test-stack/}, wiped at first use, stopped when the JVM exits (and killed by
 * the kernel if the JVM is killed). On 2 cores this is what keeps a module's tests fast: servers
 * start once, not once per test class.
 */
public final class SharedStack {

    private static final Map<Server, LocalStack> RUNNING = new EnumMap<>(Server.class);
    private static boolean hookInstalled;

    private SharedStack() {
    }

    /** The running stack holding {@code server}, started if needed. */
    public static synchronized LocalStack ensure(Server server) {
        LocalStack stack = RUNNING.get(server);
        if (stack == null) {
            Path dir = Path.of("target", "weather-test-stack", server.name().toLowerCase()).toAbsolutePath();
            StackSettings settings = new StackSettings(dir, Set.of(server), Ports.free(), Ports.free(), Ports.free(),
                    Ports.free(), Ports.free(), StackSettings.DEFAULT_DATANODES, "weather", "weather", "weather");
            // Stop what a killed earlier run left behind before deleting its data.
            io.weatherpipeline.stack.StalePids.stopAll(settings.pidDir());
            LocalStack.wipe(dir);
            stack = LocalStack.start(settings);
            RUNNING.put(server, stack);
            installShutdownHook();
        }
        return stack;
    }

    private static void installShutdownHook() {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(SharedStack::stopAll, "weather-test-stack-stop"));
        }
    }

    static synchronized void stopAll() {
        RUNNING.values().forEach(LocalStack::close);
        RUNNING.clear();
    }
}
