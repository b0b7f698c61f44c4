package io.weatherpipeline.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.weatherpipeline.stats.chart.MonthChart;
import io.weatherpipeline.stats.model.StatsStore;

/**
 * {@code ./weather plot [FILE]}: draws {@code month.svg} from whichever {@code partition-N.json} files
 * a statistics directory holds, with or without the service running.
 *
 * <pre>
 *   PlotCommand --dir DIR [--out FILE]     (default FILE: month.svg)
 * </pre>
 */
public final class PlotCommand {

    private PlotCommand() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = null;
        Path out = Path.of(MonthChart.FILE_NAME);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (dir == null) {
            usage("--dir is missing");
        }
        if (!Files.isDirectory(dir)) {
            System.err.println("plot: " + dir + " does not exist: no statistics yet (is stats-service running?)");
            System.exit(1);
        }
        StatsStore store = new StatsStore(dir);
        var partitions = store.readAll();
        Files.writeString(out, MonthChart.svg(partitions), StandardCharsets.UTF_8);
        System.err.println("plot: wrote " + out + " from " + partitions.size() + " partition file(s) in " + dir);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("plot: " + problem + "\nusage: PlotCommand --dir DIR [--out FILE]");
        System.exit(2);
    }
}
