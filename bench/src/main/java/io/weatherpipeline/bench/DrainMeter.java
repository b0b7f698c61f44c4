package io.weatherpipeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.TopicPartition;

import io.weatherpipeline.stack.ManagedProcess;

/**
 * Measures a drain: started service instances read the preloaded topic until what they have finished
 * with covers it: every partition's {@code partition-N.json} (a consumer checkpoint or a statistics
 * file: both hold the next offset as {@code "offset"}) at the partition's end, or any other count the
 * caller supplies (windows-service: its group's committed offsets). Reports records/s from the first assignment, from the
 * start, and steady (20 % to 90 % of the records), and where the CPU went meanwhile.
 */
final class DrainMeter {

    /**
     * @param afterAssigned records/s from the first "Partition N assigned" log line (pinned listeners print it)
     * @param withStartUp records/s from the processes' start
     * @param steady records/s between 20 % and 90 % of the records, NaN when too short to tell
     * @param cpu lines on where the CPU went
     */
    record Result(double afterAssigned, double withStartUp, double steady, List<String> cpu) {
    }

    private static final Pattern FILE_OFFSET = Pattern.compile("\"offset\"\\s*:\\s*(\\d+)");
    private static final Pattern ASSIGNED = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*Partition \\d+ assigned", Pattern.MULTILINE);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    /** Linux's USER_HZ: the unit of the CPU times in /proc/PID/task/TID/stat. */
    private static final int CLOCK_TICKS = 100;

    private DrainMeter() {
    }

    /**
     * Waits until the files in {@code dir} cover {@code ends} (30 min at most), failing when an instance exits.
     *
     * @param t0 nanoTime just before the instances were started
     * @param wallStart currentTimeMillis just before the instances were started
     * @param serversBefore {@link #cpuSeconds} of {@code servers} just before the instances were started
     */
    static Result await(List<ManagedProcess> started, List<ManagedProcess> servers, Map<String, Double> serversBefore,
            Path dir, Map<TopicPartition, Long> ends, long records, long t0, long wallStart) throws Exception {
        long all = ends.values().stream().mapToLong(Long::longValue).sum();
        return await(started, servers, serversBefore, () -> covered(dir, ends), all, ASSIGNED, records, t0, wallStart);
    }

    /**
     * Waits until {@code covered} reaches {@code all} (30 min at most), failing when an instance exits.
     *
     * @param covered records the instances have finished with so far (e.g. committed offsets), read every 20 ms
     * @param startLine a log line of the instances whose first time stamp counts as their first assignment
     *     (group 1: {@code yyyy-MM-dd HH:mm:ss,SSS})
     */
    static Result await(List<ManagedProcess> started, List<ManagedProcess> servers, Map<String, Double> serversBefore,
            LongSupplier covered, long all, Pattern startLine, long records, long t0, long wallStart) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1800);
        // When the files first passed 20 % and 90 % of the records: the steady part of the drain,
        // after start-up, group join and JIT warm-up, before the last partial files.
        long at20 = 0;
        long at90 = 0;
        long done;
        while ((done = covered.getAsLong()) < all) {
            if (at20 == 0 && done >= all / 5) {
                at20 = System.nanoTime();
            }
            if (at90 == 0 && done >= all * 9 / 10) {
                at90 = System.nanoTime();
            }
            for (ManagedProcess p : started) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(p.name() + " exited; see " + p.logFile());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not drained in 30 min; see the logs of " + started);
            }
            Thread.sleep(20);
        }
        long doneWall = System.currentTimeMillis();
        double total = (System.nanoTime() - t0) / 1e9;
        List<String> cpu = new ArrayList<>();
        cpu.add(cpuReport(cpuSeconds(started), serversBefore, cpuSeconds(servers), total, records));
        for (ManagedProcess p : started) {
            cpu.add("  " + p.name() + " by thread: " + threadCpu(p.pid()));
            List<String> jvm = arguments(p).stream().filter(o -> o.startsWith("-X")).toList();
            cpu.add("  " + p.name() + " memory after the drain: " + rss(p) + "; JVM options " + jvm);
            cpu.addAll(nativeMemory(p, jvm));
        }
        long firstAssigned = Long.MAX_VALUE;
        for (ManagedProcess p : started) {
            Matcher m = startLine.matcher(Files.readString(p.logFile()));
            if (m.find()) {
                firstAssigned = Math.min(firstAssigned, LocalDateTime.parse(m.group(1), LOG_TIME)
                        .atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
            }
        }
        double afterAssigned = (doneWall - Math.max(firstAssigned, wallStart)) / 1e3;
        double steady = at20 == 0 || at90 <= at20 ? Double.NaN : (all * 9 / 10 - all / 5) / ((at90 - at20) / 1e9);
        return new Result(records / afterAssigned, records / total, steady, cpu);
    }

    /** A process's resident memory now and at its peak, from /proc (Linux): "RSS 301 MB (peak 322 MB)". */
    static String rss(ManagedProcess p) {
        try {
            String status = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "status"));
            return String.format("RSS %d MB (peak %d MB)", kib(status, "VmRSS") / 1024, kib(status, "VmHWM") / 1024);
        } catch (java.io.IOException | RuntimeException e) {
            return "RSS not available (" + e + ")";
        }
    }

    /**
     * Where a JVM's memory went (committed, by Native Memory Tracking's categories), when it was started with
     * {@code -XX:NativeMemoryTracking=summary} (e.g. through {@code BENCH_CONSUMER_JAVA_OPTS}); nothing otherwise.
     *
     * @param jvm the process's JVM options
     */
    private static List<String> nativeMemory(ManagedProcess p, List<String> jvm) {
        if (jvm.stream().noneMatch(o -> o.startsWith("-XX:NativeMemoryTracking="))) {
            return List.of();
        }
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(p.pid()), "VM.native_memory", "summary", "scale=MB").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor();
            // "-                 Java Heap (reserved=256MB, committed=89MB)" and "Total: reserved=…, committed=…"
            Matcher m = Pattern.compile("^(?:-\\s+)?([A-Z][\\w ]*?)\\s*\\(?(?:: )?reserved=\\d+MB, committed=(\\d+)MB",
                    Pattern.MULTILINE).matcher(out);
            StringBuilder line = new StringBuilder("  " + p.name() + " committed by Native Memory Tracking:");
            while (m.find()) {
                if (Integer.parseInt(m.group(2)) > 0) {
                    line.append(' ').append(m.group(1).trim()).append(' ').append(m.group(2)).append(" MB,");
                }
            }
            return List.of(line.substring(0, line.length() - 1));
        } catch (java.io.IOException | InterruptedException e) {
            return List.of("  " + p.name() + " native memory not available (" + e + ")");
        }
    }

    /** A live process's command-line arguments, empty when the system does not tell. */
    private static List<String> arguments(ManagedProcess p) {
        return ProcessHandle.of(p.pid()).flatMap(h -> h.info().arguments()).map(List::of).orElse(List.of());
    }

    private static long kib(String procStatus, String field) {
        Matcher m = Pattern.compile("^" + field + ":\\s+(\\d+) kB", Pattern.MULTILINE).matcher(procStatus);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in /proc/PID/status");
        }
        return Long.parseLong(m.group(1));
    }

    /** CPU seconds (user + system) each live process has used so far, by name. */
    static Map<String, Double> cpuSeconds(List<ManagedProcess> processes) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ManagedProcess p : processes) {
            ProcessHandle.of(p.pid()).flatMap(h -> h.info().totalCpuDuration())
                    .ifPresent(d -> out.put(p.name(), d.toNanos() / 1e9));
        }
        return out;
    }

    /**
     * CPU seconds of a process's threads, grouped by name with digits folded ("hdfs-writer-#"), largest
     * first; from /proc (Linux), so threads that already ended are not counted.
     */
    private static String threadCpu(long pid) {
        Map<String, Double> byName = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.io.IOException ended) {
                    continue;
                }
                // pid (comm) state ... ; utime and stime are the 12th and 13th fields after the ')'
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close).replaceAll("\\d+", "#");
                String[] f = stat.substring(close + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
                byName.merge(name, seconds, Double::sum);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "not available (" + e + ")";
        }
        StringBuilder out = new StringBuilder();
        byName.entrySet().stream().sorted(Map.Entry.<String, Double> comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.05)
                .forEach(e -> out.append(String.format("%s %.2f s, ", e.getKey(), e.getValue())));
        return out.length() == 0 ? "-" : out.substring(0, out.length() - 2);
    }

    /** Where the cores went during the drain: CPU seconds per process, and per record. */
    private static String cpuReport(Map<String, Double> consumers, Map<String, Double> serversBefore,
            Map<String, Double> serversAfter, double wallSeconds, long records) {
        StringBuilder line = new StringBuilder("CPU during the drain (user + system):");
        double sum = 0;
        double consumerSum = 0;
        for (Map.Entry<String, Double> e : consumers.entrySet()) {
            line.append(String.format(" %s %.1f s,", e.getKey(), e.getValue()));
            sum += e.getValue();
            consumerSum += e.getValue();
        }
        for (Map.Entry<String, Double> e : serversAfter.entrySet()) {
            double used = e.getValue() - serversBefore.getOrDefault(e.getKey(), 0.0);
            line.append(String.format(" %s %.1f s,", e.getKey(), used));
            sum += used;
        }
        line.append(String.format(" in all %.1f s in %.1f s on %d cores; %.2f µs per record (consumers alone %.2f µs)",
                sum, wallSeconds, Runtime.getRuntime().availableProcessors(), sum * 1e6 / records,
                consumerSum * 1e6 / records));
        return line.toString();
    }

    /** Records covered by the files (each partition counted up to its end offset). */
    private static long covered(Path dir, Map<TopicPartition, Long> ends) {
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            long offset = fileOffset(dir.resolve("partition-" + e.getKey().partition() + ".json"));
            if (offset > 0) {
                sum += Math.min(offset, e.getValue());
            }
        }
        return sum;
    }

    /**
     * The next offset a {@code partition-N.json} holds ({@code "offset"}: a consumer checkpoint or a statistics file),
     * or -1 while there is no such file or it is being replaced.
     */
    static long fileOffset(Path file) {
        try {
            Matcher m = FILE_OFFSET.matcher(Files.readString(file));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (java.io.IOException notYet) {
            return -1;
        }
    }

    /**
     * The JVM options a benchmark adds to production's ({@code ServiceCommand.JVM_OPTIONS}) for a service: whatever
     * {@code BENCH_<SERVICE>_JAVA_OPTS} holds (e.g. {@code -XX:StartFlightRecording=filename=x.jfr} to profile that
     * service alone), none by default.
     */
    static List<String> jvmOptions(String service) {
        List<String> jvm = new ArrayList<>();
        String opts = System.getenv().getOrDefault("BENCH_" + service.toUpperCase(java.util.Locale.ROOT) + "_JAVA_OPTS", "")
                .trim();
        if (!opts.isEmpty()) {
            jvm.addAll(List.of(opts.split("\\s+")));
        }
        return jvm;
    }
}
