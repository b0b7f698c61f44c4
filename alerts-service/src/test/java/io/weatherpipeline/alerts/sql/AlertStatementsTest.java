package io.weatherpipeline.alerts.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.alerts.model.Alert;
import io.weatherpipeline.alerts.model.AlertQuery;
import io.weatherpipeline.alerts.model.CommitPlan;
import io.weatherpipeline.alerts.model.PartitionLedger;

class AlertStatementsTest {

    static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void aMultiRowInsertHasSixPlaceholdersPerRowAndKeepsTheFirstReadingOfADay() {
        String one = AlertStatements.insertAlerts(1);
        assertEquals("INSERT INTO warning_temperatures (station_id, date, degrees, threshold, kafka_partition, kafka_offset)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE id = id", one);
        assertEquals(3 * 6, placeholders(AlertStatements.insertAlerts(3)));
    }

    @Test
    void theLargestInsertStaysUnderMySqlsPlaceholderLimit() {
        assertEquals(10_922, AlertStatements.MAX_ROWS_PER_STATEMENT);
        long most = placeholders(AlertStatements.insertAlerts(AlertStatements.MAX_ROWS_PER_STATEMENT));
        assertEquals(65_532, most);
        assertThrows(IllegalArgumentException.class, () -> AlertStatements.insertAlerts(AlertStatements.MAX_ROWS_PER_STATEMENT + 1));
        assertThrows(IllegalArgumentException.class, () -> AlertStatements.insertAlerts(0));
    }

    @Test
    void rowsAreCutIntoStatementsInOrder() {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(i);
        }
        List<List<Integer>> chunks = AlertStatements.chunks(rows, 5);
        assertEquals(List.of(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9), List.of(10, 11)), chunks);
        assertEquals(List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7), List.of(8, 9, 10, 11)), AlertStatements.chunks(rows, 8));
        assertEquals(List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), List.of(9, 10)),
                AlertStatements.chunks(rows.subList(0, 11), 9));
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5), List.of(6)),
                AlertStatements.chunks(rows.subList(0, 7), 9));
        assertEquals(List.of(), AlertStatements.chunks(List.of(), 5));
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 11_234; i++) {
            many.add(i);
        }
        assertEquals(List.of(5000, 5000, 1024, 128, 64, 16, 2),
                AlertStatements.chunks(many, 5000).stream().map(List::size).toList(),
                "full statements, then the rest in powers of two: few distinct statements to prepare");
        assertThrows(IllegalArgumentException.class, () -> AlertStatements.chunks(rows, 0));
    }

    @Test
    void theSqlOfEachSizeIsBuiltOnceAndTheLongestIsKnown() {
        assertSame(AlertStatements.cachedInsertAlerts(64), AlertStatements.cachedInsertAlerts(64));
        assertEquals(AlertStatements.insertAlerts(AlertStatements.MAX_ROWS_PER_STATEMENT).length(), AlertStatements.LONGEST_SQL);
    }

    @Test
    void alertParametersFollowTheColumnOrder() {
        Alert a = new Alert("StationB", LocalDate.of(2000, 7, 1), 33.5, 30.0, 1, 77);
        assertEquals(List.of("StationB", LocalDate.of(2000, 7, 1), 33.5, 30.0, 1, 77L), AlertStatements.alertParams(List.of(a)));
    }

    @Test
    void theOffsetsMoveByOneCompareAndSetUpdate() {
        List<CommitPlan.Step> steps = List.of(new CommitPlan.Step(0, 10, 15, List.of(), List.of(), 5),
                new CommitPlan.Step(2, 7, 9, List.of(), List.of(), 2));
        assertEquals("UPDATE alert_offsets SET next_offset = CASE kafka_partition WHEN ? THEN ? WHEN ? THEN ? END"
                + " WHERE consumer_group = ? AND topic = ? AND ((kafka_partition = ? AND next_offset = ?)"
                + " OR (kafka_partition = ? AND next_offset = ?))", AlertStatements.moveOffsets(2));
        assertEquals(List.of(0, 15L, 2, 9L, "alerts", "temperatures", 0, 10L, 2, 7L),
                AlertStatements.moveOffsetsParams("alerts", "temperatures", steps));
        assertThrows(IllegalArgumentException.class, () -> AlertStatements.moveOffsets(0));
    }

    @Test
    void aPartitionsFirstOffsetIsInserted() {
        List<CommitPlan.Step> steps = List.of(new CommitPlan.Step(3, PartitionLedger.FROM_BEGINNING, 4, List.of(), List.of(), 4));
        assertEquals("INSERT INTO alert_offsets (consumer_group, topic, kafka_partition, next_offset) VALUES (?, ?, ?, ?)",
                AlertStatements.insertOffsets(1));
        assertEquals(List.of("alerts", "temperatures", 3, 4L), AlertStatements.insertOffsetsParams("alerts", "temperatures", steps));
        assertEquals(8, placeholders(AlertStatements.insertOffsets(2)));
    }

    @Test
    void storedOffsetsAreReadForTheGivenPartitions() {
        assertEquals("SELECT kafka_partition, next_offset FROM alert_offsets WHERE consumer_group = ? AND topic = ?"
                + " AND kafka_partition IN (?, ?, ?)", AlertStatements.selectOffsets(3));
    }

    @Test
    void theAlertQueryFiltersOnlyOnWhatIsGivenNewestFirst() {
        AlertQuery none = new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), 100);
        assertEquals("SELECT station_id, date, degrees, threshold, kafka_partition, kafka_offset, stored_at"
                + " FROM warning_temperatures ORDER BY date DESC, station_id LIMIT ?", AlertStatements.selectAlerts(none));
        assertEquals(List.of(100), AlertStatements.selectAlertsParams(none));
        AlertQuery all = new AlertQuery(Optional.of("StationA"), Optional.of(LocalDate.of(2001, 1, 1)),
                Optional.of(LocalDate.of(2001, 2, 1)), 7);
        assertEquals("SELECT station_id, date, degrees, threshold, kafka_partition, kafka_offset, stored_at"
                + " FROM warning_temperatures WHERE station_id = ? AND date >= ? AND date <= ?"
                + " ORDER BY date DESC, station_id LIMIT ?", AlertStatements.selectAlerts(all));
        assertEquals(List.of("StationA", LocalDate.of(2001, 1, 1), LocalDate.of(2001, 2, 1), 7),
                AlertStatements.selectAlertsParams(all));
        AlertQuery to = new AlertQuery(Optional.empty(), Optional.empty(), Optional.of(LocalDate.of(2001, 2, 1)), 7);
        assertEquals(List.of(LocalDate.of(2001, 2, 1), 7), AlertStatements.selectAlertsParams(to));
    }
}
