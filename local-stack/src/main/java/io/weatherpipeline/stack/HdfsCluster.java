package io.weatherpipeline.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HDFS as in production: one NameNode and N DataNodes (3 by default, replication 3), each its own
 * JVM, from Hadoop's Maven artifacts. Ready means out of safe mode with every DataNode live, as the
 * NameNode's own JMX reports it.
 */
final class HdfsCluster implements StackServer {

    private static final Pattern LIVE = Pattern.compile("\"NumLiveDataNodes\"\\s*:\\s*(\\d+)");
    private static final Pattern STATE = Pattern.compile("\"FSState\"\\s*:\\s*\"(\\w+)\"");

    private final StackSettings settings;
    private final Path dir;
    private final List<ManagedProcess> processes = new ArrayList<>();

    HdfsCluster(StackSettings settings) {
        this.settings = settings;
        this.dir = settings.workDir().resolve("hdfs");
    }

    @Override
    public void start() {
        Ports.requireFree(settings.nameNodePort(), "HDFS NameNode RPC");
        Ports.requireFree(settings.nameNodeHttpPort(), "HDFS NameNode HTTP");
        Path log4j = ServerClasspath.log4jConfig(dir);
        Path nnConf = writeConf("namenode", Map.of());
        Path nnLog = settings.logDir().resolve("namenode.log");
        if (!Files.exists(dir.resolve("name").resolve("current").resolve("VERSION"))) {
            OneShot.run("Formatting the HDFS NameNode in " + dir.resolve("name"),
                    ServerClasspath.javaCommand(List.of("-Xmx256m"), nnConf,
                            "org.apache.hadoop.hdfs.server.namenode.NameNode", List.of("-format", "-nonInteractive"),
                            log4j),
                    nnLog, 120);
        }
        ManagedProcess nameNode = ManagedProcess.start("namenode",
                ServerClasspath.javaCommand(List.of("-Xmx384m"), nnConf,
                        "org.apache.hadoop.hdfs.server.namenode.NameNode", List.of(), log4j),
                Map.of(), dir, nnLog, settings.pidDir());
        processes.add(nameNode);
        for (int i = 1; i <= settings.dataNodes(); i++) {
            processes.add(startDataNode(i, log4j));
        }
        for (ManagedProcess p : processes) {
            if (!p.isAlive()) {
                throw new StackException(p.name() + " exited with code " + p.exitCode() + " at start; see its log "
                        + p.logFile());
            }
        }
        Readiness.await(nameNode, "the NameNode out of safe mode with " + settings.dataNodes()
                + " live DataNodes (http://localhost:" + settings.nameNodeHttpPort() + "/jmx)",
                Duration.ofSeconds(120), this::clusterProblem);
    }

    /** Starts DataNode number {@code i}, 1-based. */
    private ManagedProcess startDataNode(int i, Path log4j) {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("dfs.datanode.data.dir", dir.resolve("datanode-" + i).toUri().toString());
        // Ephemeral ports: three DataNodes share one host without clashing; they tell the NameNode.
        own.put("dfs.datanode.address", "127.0.0.1:0");
        own.put("dfs.datanode.http.address", "127.0.0.1:0");
        own.put("dfs.datanode.ipc.address", "127.0.0.1:0");
        Path conf = writeConf("datanode-" + i, own);
        return ManagedProcess.start("datanode-" + i,
                ServerClasspath.javaCommand(List.of("-Xmx256m"), conf,
                        "org.apache.hadoop.hdfs.server.datanode.DataNode", List.of(), log4j),
                Map.of(), dir, settings.logDir().resolve("datanode-" + i + ".log"), settings.pidDir());
    }

    /** SIGKILL to DataNode {@code i} (1-based): a disk node lost without warning (fault tests). */
    void killDataNode(int i) {
        dataNode(i).kill();
    }

    /** Starts DataNode {@code i} (1-based) again on its data and waits until the NameNode counts it live. */
    void restartDataNode(int i) {
        ManagedProcess old = dataNode(i);
        old.stop(30);
        ManagedProcess again = startDataNode(i, ServerClasspath.log4jConfig(dir));
        processes.set(processes.indexOf(old), again);
        Readiness.await(again, "DataNode " + i + " live again at the NameNode", Duration.ofSeconds(120),
                this::clusterProblem);
    }

    private ManagedProcess dataNode(int i) {
        return processes.stream().filter(p -> p.name().equals("datanode-" + i)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no DataNode " + i + " (1.." + settings.dataNodes() + ")"));
    }

    private String clusterProblem() {
        String state = jmx("Hadoop:service=NameNode,name=FSNamesystemState");
        Matcher live = LIVE.matcher(state);
        Matcher fs = STATE.matcher(state);
        if (!live.find() || !fs.find()) {
            return "NameNode JMX has no FSNamesystemState yet";
        }
        int liveNodes = Integer.parseInt(live.group(1));
        if (liveNodes < settings.dataNodes()) {
            return liveNodes + " of " + settings.dataNodes() + " DataNodes live";
        }
        if (!"Operational".equals(fs.group(1))) {
            return "NameNode state " + fs.group(1);
        }
        return null;
    }

    private String jmx(String query) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + settings.nameNodeHttpPort()
                    + "/jmx?qry=" + query).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "";
        }
    }

    private Path writeConf(String node, Map<String, String> own) {
        Map<String, String> core = new LinkedHashMap<>();
        core.put("fs.defaultFS", settings.hdfsUri());
        core.put("hadoop.tmp.dir", dir.resolve("tmp").toString());
        Map<String, String> hdfs = new LinkedHashMap<>();
        hdfs.put("dfs.namenode.rpc-address", "localhost:" + settings.nameNodePort());
        hdfs.put("dfs.namenode.http-address", "localhost:" + settings.nameNodeHttpPort());
        hdfs.put("dfs.namenode.name.dir", dir.resolve("name").toUri().toString());
        hdfs.put("dfs.replication", String.valueOf(Math.min(3, settings.dataNodes())));
        // Leave safe mode as soon as the blocks are reported, not 30 s later.
        hdfs.put("dfs.namenode.safemode.extension", "0");
        // Notice a dead DataNode in ~40 s rather than ~10 min.
        hdfs.put("dfs.heartbeat.interval", "1");
        hdfs.put("dfs.namenode.heartbeat.recheck-interval", "15000");
        hdfs.put("dfs.namenode.datanode.registration.ip-hostname-check", "false");
        hdfs.putAll(own);
        Path conf = dir.resolve("conf").resolve(node);
        try {
            Files.createDirectories(conf);
            Files.writeString(conf.resolve("core-site.xml"), HadoopXml.configuration(core));
            Files.writeString(conf.resolve("hdfs-site.xml"), HadoopXml.configuration(hdfs));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Hadoop configuration in " + conf, e);
        }
        return conf;
    }

    @Override
    public void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop(30);
        }
    }

    @Override
    public List<ManagedProcess> processes() {
        return List.copyOf(processes);
    }

    @Override
    public String endpoint() {
        return "HDFS       fs.defaultFS=" + settings.hdfsUri() + " (web UI http://localhost:"
                + settings.nameNodeHttpPort() + ", " + settings.dataNodes() + " DataNodes)";
    }
}
