package io.weatherpipeline.stack;

import java.util.List;

/** A server that runs as exactly one process (Kafka's combined broker/controller, mariadbd). */
abstract class SingleProcessServer implements StackServer {

    /** Set by {@link #start()} once the process is spawned. */
    protected ManagedProcess process;

    @Override
    public void stop() {
        if (process != null) {
            process.stop(30);
        }
    }

    @Override
    public List<ManagedProcess> processes() {
        return process == null ? List.of() : List.of(process);
    }
}
