package io.weatherpipeline.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AnswersTest {

    @Test
    void stationsAsTheGeneratorListsThem() {
        List<Station> s = Answers.stations("""
                [{"station_id":"StationA","active":true,"last_date":"2001-03-04"},
                 {"station_id":"StationK","active":false,"last_date":null}]""");
        assertEquals(List.of(new Station("StationA", true, "2001-03-04"), new Station("StationK", false, null)), s);
    }

    @Test
    void readyHealthKeepsTheChecksData() {
        Health h = Answers.health(200, """
                {"status":"UP","checks":[{"name":"mysql-to-kafka tailer","status":"UP","data":{"last_sent_row_id":4117}}]}""");
        assertTrue(h.ready());
        assertNull(h.detail());
        assertEquals(4117L, h.data().get("last_sent_row_id"));
    }

    @Test
    void notReadyHealthSaysWhatItWaitsFor() {
        Health h = Answers.health(503, """
                {"status":"DOWN","checks":[
                  {"name":"hdfs","status":"DOWN","data":{"uri":"hdfs://localhost:9000","error":"Connection refused"}},
                  {"name":"writer","status":"DOWN","data":{"waiting_for":"HDFS at hdfs://localhost:9000"}},
                  {"name":"other","status":"UP"}]}""");
        assertFalse(h.ready());
        assertEquals("Connection refused; HDFS at hdfs://localhost:9000", h.detail());
    }

    @Test
    void notReadyWithoutWordsNamesTheChecksOrTheStatus() {
        assertEquals("down: a, b", Answers.health(503,
                "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"a\",\"status\":\"DOWN\"},{\"name\":\"b\",\"status\":\"DOWN\"}]}")
                .detail());
        assertEquals("HTTP 500", Answers.health(500, "<html>oops</html>").detail());
    }

    @Test
    void partitionsWithAndWithoutACheckpoint() {
        List<Checkpoint> c = Answers.partitions("""
                [{"partition":0,"assigned":true,"batch_id":3,"offset":4100},{"partition":1,"assigned":false}]""", "consumer");
        assertEquals(new Checkpoint(0, true, 3L, 4100L, "consumer"), c.get(0));
        assertEquals(new Checkpoint(1, false, null, null, "consumer"), c.get(1));
    }

    @Test
    void monthAveragesTakeEachMonthsLatestYearAcrossStations() {
        MonthTable t = Answers.months("""
                {"StationA":{"January":{"2000":{"count":31,"sum":31.0,"avg":1.0},"2001":{"count":2,"sum":10.0,"avg":5.0}},
                             "March":{"2000":{"count":31,"sum":310.0,"avg":10.0}}},
                 "StationB":{"January":{"2000":{"count":31,"sum":62.0,"avg":2.0}},
                             "March":{"2000":{"count":10,"sum":55.0,"avg":5.5}}}}""");
        assertEquals(List.of("January", "March"), t.months().stream().map(MonthTable.Column::month).toList());
        MonthTable.Column jan = t.column("January");
        assertEquals(2001, jan.year());
        // StationB has no reading in January 2001: no bar, as in month.svg.
        assertEquals(Map.of("StationA", 5.0), jan.averageByStation());
        MonthTable.Column mar = t.column("March");
        assertEquals(2000, mar.year());
        assertEquals(Map.of("StationA", 10.0, "StationB", 5.5), mar.averageByStation());
        assertNull(t.column("February"));
    }

    @Test
    void monthAveragesAreSumOverCountNotTheRoundedAverage() {
        MonthTable t = Answers.months("{\"S\":{\"May\":{\"2003\":{\"count\":3,\"sum\":10.0,\"avg\":3.3333}}}}");
        assertEquals(10.0 / 3, t.column("May").averageByStation().get("S"), 1e-12);
    }

    @Test
    void badStatisticsNameWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Answers.months("{\"S\":{\"May\":{\"20x3\":{\"count\":3,\"sum\":1}}}}"));
        assertEquals("'20x3' under S May is not a year", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Answers.months("not json")).getMessage()
                .startsWith("the answer is not JSON"));
    }

    @Test
    void metricSumsEveryLabelSetOfExactlyThatName() {
        String text = """
                # HELP consumer_rows_written_total
                # TYPE consumer_rows_written_total counter
                consumer_rows_written_total 1200.0
                consumer_rows_written_total_created 1.7E9
                consumer_rows_written_totalx 5
                other{a="b"} 3
                lag{partition="0"} 4.0
                lag{partition="1",topic="t"} 6.0 1700000000
                """;
        assertEquals(1200.0, Answers.metric(text, "consumer_rows_written_total"));
        assertEquals(10.0, Answers.metric(text, "lag"));
        assertNull(Answers.metric(text, "missing"));
    }

    @Test
    void alertsAsIssue13DescribesThem() {
        List<Alert> a = Answers.alerts("""
                [{"station_id":"StationC","date":"2003-07-02","degrees":31.5,"threshold":30.0,"partition":2,"offset":7,
                  "stored_at":"2026-11-29T10:00:00"}]""");
        assertEquals(List.of(new Alert("StationC", "2003-07-02", 31.5, 30.0)), a);
        assertEquals(a, Answers.alerts("{\"alerts\":[{\"station\":\"StationC\",\"date\":\"2003-07-02\","
                + "\"degrees\":31.5,\"threshold\":30.0}]}"));
    }

    @Test
    void alertCountsFromAListOrAnObject() {
        Map<String, Long> expected = Map.of("StationA", 3L, "StationC", 1L);
        assertEquals(expected, Answers.alertCounts("""
                [{"station_id":"StationA","alerts":3,"highest_degrees":33.1},{"station_id":"StationC","alerts":1}]"""));
        assertEquals(expected, Answers.alertCounts("{\"StationA\":{\"count\":3},\"StationC\":1}"));
        assertEquals(expected, Answers.alertCounts("{\"stations\":[{\"station\":\"StationA\",\"count\":3},"
                + "{\"station\":\"StationC\",\"count\":1}]}"));
        assertThrows(IllegalArgumentException.class, () -> Answers.alertCounts("[{\"station_id\":\"A\"}]"));
    }

    @Test
    void windowsAndOneWindowWithCountsPerStation() {
        List<WindowCounts> w = Answers.windows("""
                [{"id":14000,"start":"2026-11-29T10:00:00Z","end":"2026-11-29T10:02:00Z","total":40}]""");
        assertEquals(new WindowCounts(14000, "2026-11-29T10:00:00Z", "2026-11-29T10:02:00Z", 40, new java.util.TreeMap<>()), w.get(0));
        WindowCounts one = Answers.window("""
                {"id":14000,"start":"s","end":"e","total":40,
                 "stations":{"StationA":{"count":25,"min":1.0},"StationB":{"count":15}},
                 "partitions":{"0":25,"3":15}}""");
        assertEquals(Map.of("StationA", 25L, "StationB", 15L), one.byStation());
        WindowCounts listed = Answers.window("{\"id\":7,\"by_station\":[{\"station_id\":\"S\",\"count\":4}]}");
        assertEquals(4, listed.total(), "total from the stations when the answer has none");
        assertEquals(listed, Answers.windows("{\"windows\":[{\"id\":7,\"by_station\":[{\"station_id\":\"S\",\"count\":4}]}]}").get(0));
    }

    @Test
    void theOpenWindowIsTheNewestOfThoseNotClosedYet() {
        WindowCounts open = Answers.openWindow("""
                {"closed_through":9,"windows":[
                  {"id":10,"start":"a","end":"b","total":5,"closed_in":[0],"waiting_for":[1],"stations":{"S":{"count":5}}},
                  {"id":11,"start":"b","end":"c","total":2,"closed_in":[],"waiting_for":[0,1],"stations":{"S":{"count":2}}}]}""");
        assertEquals(11, open.id());
        assertEquals(Map.of("S", 2L), open.byStation());
        assertNull(Answers.openWindow("{\"closed_through\":null,\"windows\":[]}"));
        assertEquals(3, Answers.openWindow("{\"id\":3,\"total\":1}").id());
    }

    @Test
    void errorTextIsTheServicesOwnWords() {
        assertEquals("station_id must not be empty", Answers.errorText(400, "{\"error\":\"station_id must not be empty\"}"));
        assertEquals("Not Found", Answers.errorText(404, "Not Found\n"));
        assertEquals("HTTP 502", Answers.errorText(502, ""));
        assertEquals(301, Answers.errorText(500, "x".repeat(1000)).length());
    }

    @Test
    void liveDataNodesFromTheNameNodesJmx() {
        assertEquals(3, Answers.liveDataNodes("{\"beans\":[{\"name\":\"Hadoop:service=NameNode,name=FSNamesystemState\","
                + "\"NumLiveDataNodes\":3,\"NumDeadDataNodes\":0}]}"));
        assertThrows(IllegalArgumentException.class, () -> Answers.liveDataNodes("{\"beans\":[]}"));
    }
}
