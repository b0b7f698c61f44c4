package io.weatherpipeline.alerts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.weatherpipeline.alerts.model.Alert;
import io.weatherpipeline.alerts.model.AlertQuery;
import io.weatherpipeline.alerts.model.CommitPlan;
import io.weatherpipeline.alerts.model.StationSummary;
import io.weatherpipeline.alerts.model.StoredAlert;
import io.weatherpipeline.alerts.sql.AlertStatements;
import io.weatherpipeline.alerts.sql.SqlErrors;

/**
 * The service's tables in MySQL, through the reactive client: {@code warning_temperatures} (the
 * alerts) and {@code alert_offsets} (each partition's next offset, per consumer group and topic).
 * SQL only; the decisions are the writer's.
 */
@ApplicationScoped
public class AlertStore {

    /**
     * The alerts; the unique key makes a second row for one (station, day) impossible. Station ids
     * compare byte for byte (a server's default collation would take StationA and stationa, or a
     * trailing space, for the same station).
     */
    static final String CREATE_ALERTS = """
            CREATE TABLE IF NOT EXISTS warning_temperatures (
              id BIGINT AUTO_INCREMENT PRIMARY KEY,
              station_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
              date DATE NOT NULL,
              degrees DOUBLE NOT NULL,
              threshold DOUBLE NOT NULL,
              kafka_partition INT NOT NULL,
              kafka_offset BIGINT NOT NULL,
              stored_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
              UNIQUE KEY station_day (station_id, date)
            )""";

    /** Where each partition continues: written in the same transaction as the alerts it covers. */
    static final String CREATE_OFFSETS = """
            CREATE TABLE IF NOT EXISTS alert_offsets (
              consumer_group VARCHAR(255) NOT NULL,
              topic VARCHAR(249) NOT NULL,
              kafka_partition INT NOT NULL,
              next_offset BIGINT NOT NULL,
              updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
              PRIMARY KEY (consumer_group, topic, kafka_partition)
            )""";

    /** Per station: count, highest degrees (earliest day of it), latest day and its degrees. No window functions. */
    static final String SUMMARY = """
            SELECT s.station_id, s.alerts, s.highest,
              (SELECT MIN(h.date) FROM warning_temperatures h
                WHERE h.station_id = s.station_id AND h.degrees = s.highest) AS highest_date,
              s.latest_date,
              (SELECT l.degrees FROM warning_temperatures l
                WHERE l.station_id = s.station_id AND l.date = s.latest_date) AS latest_degrees
            FROM (SELECT station_id, COUNT(*) AS alerts, MAX(degrees) AS highest, MAX(date) AS latest_date
                  FROM warning_temperatures GROUP BY station_id) s
            ORDER BY s.station_id""";

    /** How a transaction ended when it did not fail. */
    public record Outcome(boolean committed, int inserted) {
        static final Outcome CONFLICT = new Outcome(false, 0);
    }

    /** The stored offset of a partition was not the expected one: another owner moved it. */
    static final class OffsetConflict extends RuntimeException {
        OffsetConflict(String message) {
            super(message, null, false, false);
        }
    }

    private final Pool pool;
    private final String group;
    private final String topic;
    private final int rowsPerStatement;
    private final AtomicBoolean schemaReady = new AtomicBoolean();

    AlertStore(Pool pool, AlertsConfig config,
            @ConfigProperty(name = "mp.messaging.incoming.temperatures.group.id") String group) {
        this.pool = pool;
        this.group = group;
        this.topic = config.topic();
        this.rowsPerStatement = config.rowsPerStatement();
    }

    public String group() {
        return group;
    }

    public String topic() {
        return topic;
    }

    /** Creates the tables if absent; once it has succeeded, later calls do nothing. */
    public Uni<Void> ensureSchema() {
        if (schemaReady.get()) {
            return Uni.createFrom().voidItem();
        }
        return pool.query(CREATE_ALERTS).execute()
                .chain(() -> pool.query(CREATE_OFFSETS).execute())
                .invoke(() -> schemaReady.set(true))
                .replaceWithVoid();
    }

    public boolean schemaReady() {
        return schemaReady.get();
    }

    /** The stored next offsets of {@code partitions}; a partition without a row is absent. */
    public Uni<Map<Integer, Long>> readOffsets(Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Object> params = new ArrayList<>(List.of(group, topic));
        params.addAll(partitions);
        return pool.preparedQuery(AlertStatements.selectOffsets(partitions.size())).execute(Tuple.from(params))
                .map(rows -> {
                    Map<Integer, Long> out = new TreeMap<>();
                    for (Row row : rows) {
                        out.put(row.getInteger("kafka_partition"), row.getLong("next_offset"));
                    }
                    return out;
                });
    }

    /**
     * Stores {@code plan} in one transaction: first the compare-and-set of every partition's offset (a
     * partition moved by someone else ends it as {@link Outcome#CONFLICT}, rolled back), then the
     * alerts, then {@code beforeCommit} (the ownership check, which fails the transaction to roll it
     * back), then COMMIT. Only the connection {@code withTransaction} hands out is used.
     */
    public Uni<Outcome> commit(CommitPlan plan, Supplier<Uni<Void>> beforeCommit) {
        return pool.withTransaction(conn -> moveOffsets(conn, plan)
                        .chain(() -> insertAlerts(conn, plan.alerts()))
                        .call(inserted -> beforeCommit.get())
                        .map(inserted -> new Outcome(true, inserted)))
                .onFailure(OffsetConflict.class).recoverWithItem(Outcome.CONFLICT);
    }

    private Uni<Void> moveOffsets(SqlConnection conn, CommitPlan plan) {
        List<CommitPlan.Step> update = plan.steps().stream().filter(s -> !s.firstForPartition()).toList();
        List<CommitPlan.Step> insert = plan.steps().stream().filter(CommitPlan.Step::firstForPartition).toList();
        Uni<Void> updated = update.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery(AlertStatements.moveOffsets(update.size()))
                        .execute(Tuple.from(AlertStatements.moveOffsetsParams(group, topic, update)))
                        .invoke(rows -> {
                            if (rows.rowCount() != update.size()) {
                                throw new OffsetConflict(update.size() - rows.rowCount() + " of the stored offsets of "
                                        + plan + " had moved");
                            }
                        })
                        .replaceWithVoid();
        if (insert.isEmpty()) {
            return updated;
        }
        return updated.chain(() -> conn.preparedQuery(AlertStatements.insertOffsets(insert.size()))
                .execute(Tuple.from(AlertStatements.insertOffsetsParams(group, topic, insert)))
                .onFailure(SqlErrors::isDuplicateKey).transform(e -> new OffsetConflict(
                        "an offset of " + plan + " was stored meanwhile"))
                .replaceWithVoid());
    }

    /** Multi-row INSERTs of at most {@code alerts.rows-per-statement} rows, one after the other; the rows that were new. */
    private Uni<Integer> insertAlerts(SqlConnection conn, List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(AlertStatements.chunks(alerts, rowsPerStatement))
                .onItem().transformToUniAndConcatenate(chunk -> conn
                        .preparedQuery(AlertStatements.cachedInsertAlerts(chunk.size()))
                        .execute(Tuple.from(AlertStatements.alertParams(chunk)))
                        .map(rows -> rows.rowCount()))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    /** The alerts {@code query} selects, newest day first. */
    public Uni<List<StoredAlert>> find(AlertQuery query) {
        return pool.preparedQuery(AlertStatements.selectAlerts(query))
                .execute(Tuple.from(AlertStatements.selectAlertsParams(query)))
                .map(rows -> {
                    List<StoredAlert> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        out.add(alert(row));
                    }
                    return out;
                });
    }

    /** One line per station with alerts, by station. */
    public Uni<List<StationSummary>> summary() {
        return pool.query(SUMMARY).execute()
                .map(rows -> {
                    List<StationSummary> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        out.add(summary(row));
                    }
                    return out;
                });
    }

    private static StoredAlert alert(Row row) {
        return new StoredAlert(row.getString("station_id"), row.getLocalDate("date"), row.getDouble("degrees"),
                row.getDouble("threshold"), row.getInteger("kafka_partition"), row.getLong("kafka_offset"),
                row.getLocalDateTime("stored_at"));
    }

    private static StationSummary summary(Row row) {
        return new StationSummary(row.getString("station_id"), row.getLong("alerts"), row.getDouble("highest"),
                row.getLocalDate("highest_date"), row.getLocalDate("latest_date"), row.getDouble("latest_degrees"));
    }
}
