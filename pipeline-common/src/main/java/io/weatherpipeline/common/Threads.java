package io.weatherpipeline.common;

import java.util.concurrent.ThreadFactory;

/**
 * Daemon threads with names a thread dump or a per-thread CPU figure can be read by: a service's
 * own threads never keep the JVM alive after Quarkus has shut down.
 */
public final class Threads {

    private Threads() {
    }

    /**
     * A factory of daemon threads all named {@code name}: meant for single-thread executors, whose
     * replacement of a thread that died keeps the name the operator knows.
     */
    public static ThreadFactory daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts {@code task} on a new daemon thread named {@code name}. */
    public static Thread startDaemon(String name, Runnable task) {
        Thread t = daemon(name).newThread(task);
        t.start();
        return t;
    }
}
