package io.weatherpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import io.weatherpipeline.stack.StackSettings.Server;

/**
 * The real servers the pipeline needs, started on loopback below one work directory: Kafka, MariaDB
 * and HDFS, in parallel, each awaited until it really answers. Data survives {@link #close()} and is
 * found again by the next start unless {@link #wipe(Path)} is called first.
 */
public final class LocalStack implements AutoCloseable {

    private final StackSettings settings;
    private final Map<Server, StackServer> servers;

    private LocalStack(StackSettings settings, Map<Server, StackServer> servers) {
        this.settings = settings;
        this.servers = servers;
    }

    /** Starts the servers {@code settings} selects; on any failure stops what did start and throws. */
    public static LocalStack start(StackSettings settings) {
        try {
            Files.createDirectories(settings.logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + settings.logDir(), e);
        }
        int stale = StalePids.stopAll(settings.pidDir());
        if (stale > 0) {
            System.err.println("[local-stack] stopped " + stale + " process(es) left running by an earlier run in "
                    + settings.workDir());
        }
        Map<Server, StackServer> servers = new LinkedHashMap<>();
        if (settings.runs(Server.MARIADB)) {
            servers.put(Server.MARIADB, new MariaDbServer(settings));
        }
        if (settings.runs(Server.KAFKA)) {
            servers.put(Server.KAFKA, new KafkaCluster(settings));
        }
        if (settings.runs(Server.HDFS)) {
            servers.put(Server.HDFS, new HdfsCluster(settings));
        }
        LocalStack stack = new LocalStack(settings, servers);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (StackServer server : servers.values()) {
            starts.add(CompletableFuture.runAsync(server::start, runnable -> {
                Thread t = new Thread(runnable, "start-" + server.getClass().getSimpleName());
                t.setDaemon(true);
                t.start();
            }));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            stack.close();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StackException(String.valueOf(cause.getMessage()), cause);
        }
        return stack;
    }

    /** Deletes every server's data below {@code workDir} (a fresh start); logs are kept. */
    public static void wipe(Path workDir) {
        if (!StalePids.live(workDir.resolve("pids")).isEmpty()) {
            throw new StackException("Processes of an earlier run still use " + workDir + ": stop them first (./weather down)");
        }
        for (String dir : List.of("kafka", "kafka-1", "kafka-2", "kafka-3", "kafka-4", "kafka-5", "mariadb", "hdfs")) {
            deleteTree(workDir.resolve(dir));
        }
    }

    public StackSettings settings() {
        return settings;
    }

    /** Every process of every server, in start order. */
    public List<ManagedProcess> processes() {
        List<ManagedProcess> all = new ArrayList<>();
        servers.values().forEach(s -> all.addAll(s.processes()));
        return all;
    }

    /** SIGKILL to Kafka broker {@code node} (0-based) of a stack with several: a broker lost without warning. */
    public void killKafkaBroker(int node) {
        kafka().broker(node).kill();
    }

    /** Starts Kafka broker {@code node} again (same port, same data) and waits until the cluster lists it. */
    public void restartKafkaBroker(int node) {
        kafka().restart(node);
    }

    /** SIGKILL to HDFS DataNode {@code i} (1-based). */
    public void killDataNode(int i) {
        server(Server.HDFS, HdfsCluster.class).killDataNode(i);
    }

    /** Starts HDFS DataNode {@code i} (1-based) again and waits until the NameNode counts it live. */
    public void restartDataNode(int i) {
        server(Server.HDFS, HdfsCluster.class).restartDataNode(i);
    }

    /** Stops MariaDB (SIGTERM: a clean shutdown, as a restart by an operator) and starts it again on its data. */
    public void restartMariaDb() {
        MariaDbServer db = server(Server.MARIADB, MariaDbServer.class);
        db.stop();
        db.start();
    }

    private <T extends StackServer> T server(Server which, Class<T> type) {
        StackServer s = servers.get(which);
        if (s == null) {
            throw new IllegalStateException("this stack runs no " + which);
        }
        return type.cast(s);
    }

    private KafkaCluster kafka() {
        return server(Server.KAFKA, KafkaCluster.class);
    }

    /** One line per server saying where to connect. */
    public List<String> endpoints() {
        return servers.values().stream().map(StackServer::endpoint).toList();
    }

    /** Stops every server, in reverse start order. */
    @Override
    public void close() {
        List<StackServer> reverse = new ArrayList<>(servers.values());
        java.util.Collections.reverse(reverse);
        for (StackServer server : reverse) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                System.err.println("[local-stack] stopping " + server.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
