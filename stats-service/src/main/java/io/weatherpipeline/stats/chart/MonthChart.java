package io.weatherpipeline.stats.chart;

import java.awt.geom.Rectangle2D;
import java.time.Month;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

import io.weatherpipeline.stats.model.PartitionStats;

/**
 * Draws {@code month.svg}: the average daily maximum temperature of the latest year of January,
 * February and March (or other chosen months), one group of bars per month labelled
 * {@code January-2021}, one bar per station, with a legend of stations. A month's latest year is the
 * latest year in which any station of the given partitions has a reading in that month; a month
 * without any reading is left out ({@link MonthAverages} has the details).
 *
 * <p>JFreeChart lays the chart out and JFreeSVG records its Java2D drawing as SVG: both need no
 * display (they run with {@code java.awt.headless=true}), only the JVM's fonts to measure labels.
 * Each bar is a {@code <rect>} inside a {@code <g jfreesvg:ref='{"rowKey": station, "columnKey":
 * label}'>}, so tools and tests can find a station's bar for a month.
 *
 * <p>Stateless and thread-safe: every call draws a chart of its own.
 */
public final class MonthChart {

    /** The chart's file name, as the seeds called it. */
    public static final String FILE_NAME = "month.svg";

    /** The months the seeds' plot showed. */
    public static final List<Month> DEFAULT_MONTHS = List.of(Month.JANUARY, Month.FEBRUARY, Month.MARCH);

    private static final int HEIGHT = 500;
    private static final int MIN_WIDTH = 800;
    // Enough room per month that a label such as "September-2021" stays on one line.
    private static final int WIDTH_PER_MONTH = 200;

    private MonthChart() {
    }

    /** The chart of {@link #DEFAULT_MONTHS} over {@code partitions}. */
    public static String svg(Collection<PartitionStats> partitions) {
        return svg(partitions, DEFAULT_MONTHS);
    }

    /** The chart of {@code months} (in that order) over {@code partitions}. */
    public static String svg(Collection<PartitionStats> partitions, List<Month> months) {
        return svg(MonthAverages.of(partitions, months));
    }

    /** The chart of {@code averages}; a plot with a "no statistics" message when there are none. */
    public static String svg(MonthAverages averages) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (MonthAverages.Group group : averages.groups()) {
            for (Map.Entry<String, Double> bar : group.averageByStation().entrySet()) {
                data.addValue(bar.getValue(), bar.getKey(), group.label());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Average daily maximum temperature, latest year",
                "Month", "Average maximum (°C)", data);
        // Wraps every bar in a group naming its station and month (see the class comment).
        chart.setElementHinting(true);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setNoDataMessage("No statistics yet");
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        // Flat fills in the station's colour rather than gradients: one colour per station, in bars and legend.
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);

        int width = Math.max(MIN_WIDTH, WIDTH_PER_MONTH * averages.groups().size());
        SVGGraphics2D svg = new SVGGraphics2D(width, HEIGHT);
        // A fixed prefix for clip-path ids instead of a time-based one: the same statistics give the same file.
        svg.setDefsKeyPrefix("month-chart-");
        chart.draw(svg, new Rectangle2D.Double(0, 0, width, HEIGHT));
        // The bare <svg> element: the "document" form adds a DOCTYPE pointing at w3.org, which XML
        // tools then try to download.
        return svg.getSVGElement();
    }
}
