package io.weatherpipeline.soak;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileSystem;

import io.weatherpipeline.consumer.HdfsFileSystemProducer;
import io.weatherpipeline.consumer.batch.BatchFiles;
import io.weatherpipeline.consumer.batch.CheckpointStore;
import io.weatherpipeline.consumer.batch.CommittedBatches;
import io.weatherpipeline.consumer.columns.Reading;
import io.weatherpipeline.stack.HttpProbe;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stats.model.MonthStats;
import io.weatherpipeline.stats.model.PartitionStats;
import io.weatherpipeline.stats.model.StatsStore;
import io.weatherpipeline.testsupport.MariaDbQuery;

/**
 * Checks every sink of the pipeline against table {@code temperatures}, each with its own reader and
 * none with the services' code paths: the consumer's committed Parquet rows (exactly the table), the
 * statistics per station, month and year (count, sum, first and last day), the alerts (exactly the
 * readings above the threshold) and the windows service's running counts per station and its windows' totals.
 */
final class Reconciler {

    private static final Pattern COUNT = Pattern.compile("\"(Station\\w+)\"\\s*:\\s*(\\d+)");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    private final StackSettings stack;
    private final Path checkpoints;
    private final Path statsDir;
    private final double alertThreshold;

    Reconciler(StackSettings stack, double alertThreshold) {
        this.stack = stack;
        this.checkpoints = stack.workDir().resolve("checkpoints");
        this.statsDir = stack.workDir().resolve("stats");
        this.alertThreshold = alertThreshold;
    }

    /** The table: "station date" → degrees. */
    Map<String, Double> table() throws Exception {
        Map<String, Double> table = new HashMap<>();
        for (String line : MariaDbQuery.rows(stack, "SELECT station_id, date, degrees FROM temperatures")) {
            String[] f = line.split("\t");
            table.put(f[0] + " " + f[1], Double.parseDouble(f[2]));
        }
        return table;
    }

    Verdict parquet(Map<String, Double> table) throws Exception {
        try (FileSystem fs = HdfsFileSystemProducer.connect(stack.hdfsUri())) {
            CommittedBatches committed = new CommittedBatches(new BatchFiles(fs, "/data", null),
                    new CheckpointStore(checkpoints));
            Map<String, Double> files = new HashMap<>();
            List<String> twice = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                for (Reading r : committed.rows(p)) {
                    String key = r.stationId() + " " + LocalDate.ofEpochDay(r.epochDay());
                    if (files.put(key, r.degrees()) != null) {
                        twice.add(key);
                    }
                }
            }
            return compare("Parquet on HDFS (consumer)", table, files, twice);
        }
    }

    Verdict stats(Map<String, Double> table) throws Exception {
        Map<String, double[]> expected = new TreeMap<>();
        Map<String, LocalDate[]> expectedDays = new TreeMap<>();
        table.forEach((k, degrees) -> {
            String[] f = k.split(" ");
            LocalDate day = LocalDate.parse(f[1]);
            String key = f[0] + " " + day.getYear() + " " + day.getMonth();
            double[] agg = expected.computeIfAbsent(key, x -> new double[2]);
            agg[0]++;
            agg[1] += degrees;
            LocalDate[] range = expectedDays.computeIfAbsent(key, x -> new LocalDate[] {day, day});
            range[0] = day.isBefore(range[0]) ? day : range[0];
            range[1] = day.isAfter(range[1]) ? day : range[1];
        });
        List<String> problems = new ArrayList<>();
        Map<String, MonthStats> actual = new TreeMap<>();
        for (PartitionStats p : new StatsStore(statsDir).readAll()) {
            for (String s : p.stations()) {
                for (MonthStats m : p.months(s)) {
                    String key = s + " " + m.year() + " " + m.month();
                    actual.put(key, m);
                    if (ChronoUnit.DAYS.between(m.start(), m.end()) + 1 != m.count()) {
                        problems.add(key + ": count " + m.count() + " but " + m.start() + ".." + m.end());
                    }
                }
            }
        }
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            double[] e = expected.get(key);
            MonthStats m = actual.get(key);
            if (e == null || m == null) {
                problems.add(key + (e == null ? ": in the statistics, not in the table" : ": missing from the statistics"));
            } else if (e[0] != m.count() || Math.abs(e[1] - m.sum()) > Math.abs(e[1]) * 1e-6 + 1e-9
                    || !expectedDays.get(key)[0].equals(m.start()) || !expectedDays.get(key)[1].equals(m.end())) {
                problems.add(key + ": table count " + (long) e[0] + " sum " + e[1] + ", statistics " + m);
            }
        }
        return verdict("statistics per station, month, year (stats)", problems, expected.size() + " entries, "
                + table.size() + " readings");
    }

    Verdict alerts(Map<String, Double> table) throws Exception {
        Map<String, Double> expected = new HashMap<>();
        table.forEach((k, degrees) -> {
            if (degrees > alertThreshold) {
                expected.put(k, degrees);
            }
        });
        Map<String, Double> stored = new HashMap<>();
        List<String> twice = new ArrayList<>();
        for (String line : MariaDbQuery.rows(stack, "SELECT station_id, date, degrees FROM warning_temperatures")) {
            String[] f = line.split("\t");
            if (stored.put(f[0] + " " + f[1], Double.parseDouble(f[2])) != null) {
                twice.add(f[0] + " " + f[1]);
            }
        }
        return compare("warning_temperatures above " + alertThreshold + " (alerts)", expected, stored, twice);
    }

    Verdict windows(Map<String, Double> table, int port) {
        Map<String, Long> expected = new TreeMap<>();
        table.keySet().forEach(k -> expected.merge(k.split(" ")[0], 1L, Long::sum));
        String body = HttpProbe.body("http://localhost:" + port + "/count?by=station");
        Map<String, Long> counted = new TreeMap<>();
        Matcher m = COUNT.matcher(body == null ? "" : body);
        while (m.find()) {
            counted.put(m.group(1), Long.parseLong(m.group(2)));
        }
        List<String> problems = new ArrayList<>();
        if (!expected.equals(counted)) {
            problems.add("table " + expected + ", count?by=station " + counted + " (answer: " + body + ")");
        }
        // Every reading is in exactly one window: the closed windows' totals and the open ones' add up to the table.
        long readings = table.size();
        String closedBody = HttpProbe.body("http://localhost:" + port + "/windows?last=1000");
        String openBody = HttpProbe.body("http://localhost:" + port + "/windows/open");
        long closed = sumOfTotals(closedBody);
        long open = sumOfTotals(openBody);
        if (closed + open != readings) {
            problems.add("closed windows' totals " + closed + " + open windows' " + open + " = " + (closed + open)
                    + ", table " + readings + " (answers: " + closedBody + " / " + openBody + ")");
        }
        return verdict("count?by=station and window totals (windows)", problems, readings + " readings of "
                + expected.size() + " stations; " + String.format("%,d", closed) + " in " + count(closedBody)
                + " closed windows, " + String.format("%,d", open) + " in the open one(s)");
    }

    /** The sum of every {@code "total": N} in a windows-service answer (each window's own total). */
    private static long sumOfTotals(String body) {
        Matcher m = TOTAL.matcher(body == null ? "" : body);
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    private static long count(String body) {
        return TOTAL.matcher(body == null ? "" : body).results().count();
    }

    private static Verdict compare(String sink, Map<String, Double> expected, Map<String, Double> actual,
            List<String> twice) {
        List<String> problems = new ArrayList<>();
        if (!twice.isEmpty()) {
            problems.add(twice.size() + " twice, e.g. " + twice.subList(0, Math.min(3, twice.size())));
        }
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        TreeSet<String> unknown = new TreeSet<>(actual.keySet());
        unknown.removeAll(expected.keySet());
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " missing, e.g. " + missing.stream().limit(3).toList());
        }
        if (!unknown.isEmpty()) {
            problems.add(unknown.size() + " not in the table, e.g. " + unknown.stream().limit(3).toList());
        }
        expected.forEach((k, v) -> {
            Double a = actual.get(k);
            if (a != null && Math.abs(a - v) > 1e-9 && problems.size() < 10) {
                problems.add(k + ": table " + v + ", sink " + a);
            }
        });
        return verdict(sink, problems, actual.size() + " rows, " + expected.size() + " expected");
    }

    private static Verdict verdict(String sink, List<String> problems, String figures) {
        return problems.isEmpty() ? new Verdict(sink, true, figures)
                : new Verdict(sink, false, figures + "; " + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
    }
}
