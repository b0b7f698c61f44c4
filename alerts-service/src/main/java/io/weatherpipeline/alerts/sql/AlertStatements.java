package io.weatherpipeline.alerts.sql;

import java.util.ArrayList;
import java.util.List;

import io.weatherpipeline.alerts.model.Alert;
import io.weatherpipeline.alerts.model.AlertQuery;
import io.weatherpipeline.alerts.model.CommitPlan;

/**
 * The SQL text of the statements whose shape depends on the data: multi-row INSERTs of alerts, the
 * compare-and-set of the stored offsets, the filtered SELECT of {@code GET /alerts}. Plain strings and
 * parameter lists, written for both MySQL 8 and MariaDB (no row alias, no {@code RETURNING}).
 */
public final class AlertStatements {

    /** Placeholders per alert row. */
    public static final int ALERT_COLUMNS = 6;

    /** MySQL's protocol allows 65,535 placeholders in one prepared statement. */
    public static final int MAX_ROWS_PER_STATEMENT = 65_535 / ALERT_COLUMNS;

    private AlertStatements() {
    }

    /**
     * An INSERT of {@code rows} alerts. A (station, day) already stored is left as it is (the first
     * reading stays): with affected-rows counting, the statement's row count says how many were new.
     */
    public static String insertAlerts(int rows) {
        if (rows < 1 || rows > MAX_ROWS_PER_STATEMENT) {
            throw new IllegalArgumentException("rows per INSERT must be between 1 and " + MAX_ROWS_PER_STATEMENT
                    + ", was " + rows);
        }
        StringBuilder sql = new StringBuilder(120 + rows * 20).append(
                "INSERT INTO warning_temperatures (station_id, date, degrees, threshold, kafka_partition, kafka_offset) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
        }
        return sql.append(" ON DUPLICATE KEY UPDATE id = id").toString();
    }

    /** The parameters of {@link #insertAlerts} for {@code rows}, in column order. */
    public static List<Object> alertParams(List<Alert> rows) {
        List<Object> params = new ArrayList<>(rows.size() * ALERT_COLUMNS);
        for (Alert a : rows) {
            params.add(a.stationId());
            params.add(a.date());
            params.add(a.degrees());
            params.add(a.threshold());
            params.add(a.partition());
            params.add(a.offset());
        }
        return params;
    }

    /**
     * {@code rows} cut into statements, in order: as many of {@code rowsPerStatement} rows as fit, then
     * the rest in powers of two, largest first (1234 → 1024, 128, 64, 16, 2). So a connection only ever
     * prepares a few distinct statements, each once (a prepared statement is cached by its SQL text;
     * preparing one of 30,000 placeholders costs more than running it).
     */
    public static <T> List<List<T>> chunks(List<T> rows, int rowsPerStatement) {
        if (rowsPerStatement < 1) {
            throw new IllegalArgumentException("rows per statement must be positive, was " + rowsPerStatement);
        }
        List<List<T>> out = new ArrayList<>();
        int i = 0;
        while (rows.size() - i >= rowsPerStatement) {
            out.add(rows.subList(i, i + rowsPerStatement));
            i += rowsPerStatement;
        }
        int rest = rows.size() - i;
        while (rest > 0) {
            int size = Integer.highestOneBit(rest);
            out.add(rows.subList(i, i + size));
            i += size;
            rest -= size;
        }
        return out;
    }

    /** The SQL of {@link #insertAlerts}, built once per size (the prepared-statement cache is keyed by it). */
    public static String cachedInsertAlerts(int rows) {
        return INSERTS.computeIfAbsent(rows, AlertStatements::insertAlerts);
    }

    private static final java.util.concurrent.ConcurrentMap<Integer, String> INSERTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The longest SQL this class builds: what the prepared-statement cache must accept. */
    public static final int LONGEST_SQL = insertAlerts(MAX_ROWS_PER_STATEMENT).length();

    /**
     * The compare-and-set of the stored offsets of {@code steps} (partitions that have a row): one UPDATE
     * that moves each partition's {@code next_offset} from the step's expected offset to its next one.
     * It must change exactly {@code steps.size()} rows; fewer means another instance moved one.
     */
    public static String moveOffsets(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("no partition to move");
        }
        StringBuilder sql = new StringBuilder("UPDATE alert_offsets SET next_offset = CASE kafka_partition");
        for (int i = 0; i < partitions; i++) {
            sql.append(" WHEN ? THEN ?");
        }
        sql.append(" END WHERE consumer_group = ? AND topic = ? AND (");
        for (int i = 0; i < partitions; i++) {
            sql.append(i == 0 ? "" : " OR ").append("(kafka_partition = ? AND next_offset = ?)");
        }
        return sql.append(')').toString();
    }

    /** The parameters of {@link #moveOffsets} for {@code steps}. */
    public static List<Object> moveOffsetsParams(String group, String topic, List<CommitPlan.Step> steps) {
        List<Object> params = new ArrayList<>(2 + steps.size() * 4);
        for (CommitPlan.Step s : steps) {
            params.add(s.partition());
            params.add(s.next());
        }
        params.add(group);
        params.add(topic);
        for (CommitPlan.Step s : steps) {
            params.add(s.partition());
            params.add(s.expected());
        }
        return params;
    }

    /** The first stored offsets of {@code partitions} partitions; a row already there fails it (duplicate key). */
    public static String insertOffsets(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("no partition to insert");
        }
        StringBuilder sql = new StringBuilder(
                "INSERT INTO alert_offsets (consumer_group, topic, kafka_partition, next_offset) VALUES ");
        for (int i = 0; i < partitions; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        }
        return sql.toString();
    }

    public static List<Object> insertOffsetsParams(String group, String topic, List<CommitPlan.Step> steps) {
        List<Object> params = new ArrayList<>(steps.size() * 4);
        for (CommitPlan.Step s : steps) {
            params.add(group);
            params.add(topic);
            params.add(s.partition());
            params.add(s.next());
        }
        return params;
    }

    /** The stored offsets of {@code partitions} partitions of one group and topic. */
    public static String selectOffsets(int partitions) {
        StringBuilder sql = new StringBuilder("SELECT kafka_partition, next_offset FROM alert_offsets"
                + " WHERE consumer_group = ? AND topic = ? AND kafka_partition IN (");
        for (int i = 0; i < partitions; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.append(')').toString();
    }

    /** The SELECT of {@code GET /alerts}: newest day first, then by station. */
    public static String selectAlerts(AlertQuery q) {
        StringBuilder sql = new StringBuilder("SELECT station_id, date, degrees, threshold, kafka_partition, kafka_offset,"
                + " stored_at FROM warning_temperatures");
        List<String> where = new ArrayList<>();
        q.station().ifPresent(s -> where.add("station_id = ?"));
        q.from().ifPresent(d -> where.add("date >= ?"));
        q.to().ifPresent(d -> where.add("date <= ?"));
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        return sql.append(" ORDER BY date DESC, station_id LIMIT ?").toString();
    }

    public static List<Object> selectAlertsParams(AlertQuery q) {
        List<Object> params = new ArrayList<>(4);
        q.station().ifPresent(params::add);
        q.from().ifPresent(params::add);
        q.to().ifPresent(params::add);
        params.add(q.limit());
        return params;
    }
}
