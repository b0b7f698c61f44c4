package io.weatherpipeline.stats.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weatherpipeline.stats.model.PartitionStats;
import io.weatherpipeline.stats.model.StatsFile;

/**
 * month.svg, read back as XML: JFreeChart wraps each bar in {@code <g jfreesvg:ref='{"rowKey":
 * station, "columnKey": label}'>} around a {@code <rect>} filled with the station's colour; the
 * legend draws a swatch of that colour next to the station's name.
 */
class MonthChartTest {

    private static final String JFREESVG_NS = "http://www.jfree.org/jfreesvg/svg";
    private static final Pattern FILL = Pattern.compile("fill:\\s*(rgb\\(\\d+,\\d+,\\d+\\))");

    @Test
    void eachStationHasABarInEachOfTheThreeMonthsOfTheLatestYear() throws Exception {
        PartitionStats p0 = new PartitionStats(0);
        MonthAveragesTest.days(p0, "StationA", LocalDate.of(2020, 1, 1), LocalDate.of(2021, 4, 30), 5.0);
        MonthAveragesTest.days(p0, "StationE", LocalDate.of(2020, 1, 1), LocalDate.of(2021, 4, 30), 10.0);
        PartitionStats p1 = new PartitionStats(1);
        MonthAveragesTest.days(p1, "StationB", LocalDate.of(2021, 1, 1), LocalDate.of(2021, 3, 31), 15.0);

        Chart chart = Chart.of(MonthChart.svg(List.of(p0, p1)));

        List<String> labels = List.of("January-2021", "February-2021", "March-2021");
        List<String> stations = List.of("StationA", "StationB", "StationE");
        assertTrue(chart.texts.containsAll(labels), chart.texts::toString);
        assertTrue(chart.texts.containsAll(stations), chart.texts::toString);
        assertTrue(chart.texts.stream().noneMatch(t -> t.contains("2020")), "only the latest year: " + chart.texts);
        Set<String> expected = new HashSet<>();
        for (String s : stations) {
            for (String l : labels) {
                expected.add(s + " " + l);
            }
        }
        assertEquals(expected, chart.bars.keySet());
        chart.assertOneColourPerStationWithASwatch(stations);
        for (String s : stations) {
            assertEquals(3, chart.barsOfColour(chart.colourOf(s)), s);
        }
        // Bars measure the averages: 5, 10 and 15 degrees stand in the ratio 1 : 2 : 3.
        double unit = chart.bars.get("StationA January-2021").height / 5.0;
        assertEquals(10.0, chart.bars.get("StationE February-2021").height / unit, 0.01);
        assertEquals(15.0, chart.bars.get("StationB March-2021").height / unit, 0.01);
    }

    @Test
    void onlySomePartitionsAndStationsGiveOnlyTheirBars() throws Exception {
        PartitionStats p0 = new PartitionStats(0);
        MonthAveragesTest.days(p0, "StationA", LocalDate.of(2001, 12, 1), LocalDate.of(2002, 3, 31), -2.0);
        PartitionStats p2 = new PartitionStats(2);
        // StationC stops in February: no March bar, and its 2001 data is not shown.
        MonthAveragesTest.days(p2, "StationC", LocalDate.of(2001, 1, 1), LocalDate.of(2002, 2, 14), 3.0);

        Chart chart = Chart.of(MonthChart.svg(List.of(p0, p2)));

        assertEquals(Set.of("StationA January-2002", "StationA February-2002", "StationA March-2002",
                "StationC January-2002", "StationC February-2002"), chart.bars.keySet());
        chart.assertOneColourPerStationWithASwatch(List.of("StationA", "StationC"));
        assertEquals(3, chart.barsOfColour(chart.colourOf("StationA")));
        assertEquals(2, chart.barsOfColour(chart.colourOf("StationC")));
        assertTrue(chart.texts.containsAll(List.of("January-2002", "February-2002", "March-2002", "StationA", "StationC")),
                chart.texts::toString);
    }

    @Test
    void aMonthWithoutDataIsLeftOut() throws Exception {
        PartitionStats p3 = new PartitionStats(3);
        MonthAveragesTest.days(p3, "StationJ", LocalDate.of(2000, 2, 1), LocalDate.of(2000, 2, 29), 1.0);

        Chart chart = Chart.of(MonthChart.svg(List.of(p3)));

        assertEquals(Set.of("StationJ February-2000"), chart.bars.keySet());
        assertTrue(chart.texts.stream().noneMatch(t -> t.startsWith("January") || t.startsWith("March")),
                chart.texts::toString);
    }

    @Test
    void anyChoiceOfMonthsKeepsEachLabelWhole() throws Exception {
        PartitionStats p = new PartitionStats(0);
        MonthAveragesTest.days(p, "StationA", LocalDate.of(2003, 1, 1), LocalDate.of(2003, 12, 31), 7.0);
        MonthAveragesTest.days(p, "StationB", LocalDate.of(2003, 1, 1), LocalDate.of(2003, 12, 31), 8.0);

        Chart chart = Chart.of(MonthChart.svg(List.of(p), List.of(Month.values())));

        for (Month m : Month.values()) {
            String label = StatsFile.monthName(m) + "-2003";
            assertTrue(chart.texts.contains(label), label + " in " + chart.texts);
            assertTrue(chart.bars.containsKey("StationA " + label) && chart.bars.containsKey("StationB " + label), label);
        }
        assertEquals(24, chart.bars.size());
        Chart september = Chart.of(MonthChart.svg(List.of(p), List.of(Month.SEPTEMBER)));
        assertEquals(Set.of("StationA September-2003", "StationB September-2003"), september.bars.keySet());
    }

    @Test
    void noStatisticsGiveAChartSayingSo() throws Exception {
        Chart chart = Chart.of(MonthChart.svg(List.of(new PartitionStats(0))));
        assertEquals(Map.of(), chart.bars);
        assertTrue(chart.texts.contains("No statistics yet"), chart.texts::toString);
    }

    @Test
    void theSameStatisticsGiveTheSameFile() {
        PartitionStats p = new PartitionStats(0);
        MonthAveragesTest.days(p, "StationA", LocalDate.of(2000, 1, 1), LocalDate.of(2000, 3, 31), 1.0);
        assertEquals(MonthChart.svg(List.of(p)), MonthChart.svg(List.of(p)));
    }

    /** One bar as drawn: its fill colour and height. */
    private record Bar(String fill, double height) {
    }

    /** What a test can see of the SVG: bars by "station label", texts, and the fills outside bars. */
    private static final class Chart {
        final Map<String, Bar> bars = new HashMap<>();
        final List<String> texts = new ArrayList<>();
        final List<String> otherFills = new ArrayList<>();

        static Chart of(String svg) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
            assertEquals("svg", doc.getDocumentElement().getLocalName());
            Chart chart = new Chart();
            chart.walk(doc.getDocumentElement());
            return chart;
        }

        private void walk(Element e) throws Exception {
            String ref = e.getAttributeNS(JFREESVG_NS, "ref");
            if (e.getLocalName().equals("g") && ref.startsWith("{")) {
                JsonNode keys = new ObjectMapper().readTree(ref);
                List<Element> rects = descendants(e, "rect");
                assertEquals(1, rects.size(), "one rect per bar: " + ref);
                Element rect = rects.get(0);
                double height = Double.parseDouble(rect.getAttribute("height"));
                assertTrue(height > 0, "a visible bar: " + ref);
                Bar old = bars.put(keys.get("rowKey").asText() + " " + keys.get("columnKey").asText(),
                        new Bar(fill(rect), height));
                assertEquals(null, old, "one bar per station and month: " + ref);
                return;
            }
            if (e.getLocalName().equals("text")) {
                texts.add(e.getTextContent());
                return;
            }
            String fill = fill(e);
            if (fill != null) {
                otherFills.add(fill);
            }
            for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element child) {
                    walk(child);
                }
            }
        }

        String colourOf(String station) {
            return bars.entrySet().stream().filter(b -> b.getKey().startsWith(station + " "))
                    .map(b -> b.getValue().fill).findFirst().orElseThrow();
        }

        long barsOfColour(String fill) {
            return bars.values().stream().filter(b -> b.fill.equals(fill)).count();
        }

        /** Each station's bars share a colour no other station has, and the legend shows a swatch of it. */
        void assertOneColourPerStationWithASwatch(List<String> stations) {
            Set<String> colours = new HashSet<>();
            for (String station : stations) {
                String colour = colourOf(station);
                assertNotEquals(null, colour, station);
                bars.forEach((key, bar) -> {
                    if (key.startsWith(station + " ")) {
                        assertEquals(colour, bar.fill, key);
                    }
                });
                assertTrue(colours.add(colour), "a colour of its own for " + station);
                assertTrue(otherFills.contains(colour), "a legend swatch for " + station + " in " + otherFills);
            }
        }

        private static String fill(Element e) {
            Matcher m = FILL.matcher(e.getAttribute("style"));
            return m.find() ? m.group(1) : null;
        }

        private static List<Element> descendants(Element e, String localName) {
            List<Element> found = new ArrayList<>();
            NodeList all = e.getElementsByTagNameNS("*", localName);
            for (int i = 0; i < all.getLength(); i++) {
                found.add((Element) all.item(i));
            }
            return found;
        }
    }
}
