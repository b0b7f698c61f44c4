package io.weatherpipeline.dashboard.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mysqlclient.MySQLException;
import io.weatherpipeline.dashboard.view.DayReading;
import io.weatherpipeline.dashboard.view.SourceRows;

/**
 * Reads table {@code temperatures} (read-only): its newest row id and each station's most recent days.
 * No service's API gives a station's readings or the table's newest id, so the dashboard asks MySQL
 * itself; every query walks the unique key {@code (station_id, date)} or the primary key, never the
 * whole table.
 */
@ApplicationScoped
public class SourceTable {

    /** MySQL's error for a table that does not exist: the generator has not created it yet. */
    static final int NO_SUCH_TABLE = 1146;

    private final Pool pool;

    SourceTable(Pool pool) {
        this.pool = pool;
    }

    /** The newest id and the last {@code days} rows of every station, oldest first; empty before the table exists. */
    public Uni<SourceRows> read(int days) {
        return pool.query("SELECT COALESCE(MAX(id), 0) AS newest FROM temperatures").execute()
                .map(rows -> rows.iterator().next().getLong("newest"))
                .chain(newest -> pool.query("SELECT DISTINCT station_id FROM temperatures").execute()
                        .chain(stations -> recent(stations, days))
                        .map(recent -> SourceRows.of(newest, recent)))
                .onFailure(e -> e instanceof MySQLException m && m.getErrorCode() == NO_SUCH_TABLE)
                .recoverWithItem(() -> SourceRows.of(0, Map.of()));
    }

    private Uni<Map<String, List<DayReading>>> recent(Iterable<Row> stationRows, int days) {
        List<Object> ids = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (Row r : stationRows) {
            if (!ids.isEmpty()) {
                sql.append(" UNION ALL ");
            }
            // Each part reads one station's newest rows backwards along the unique key.
            sql.append("(SELECT station_id, date, degrees FROM temperatures WHERE station_id = ?"
                    + " ORDER BY date DESC LIMIT ").append(days).append(')');
            ids.add(r.getString("station_id"));
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(ids)).map(rows -> {
            Map<String, List<DayReading>> out = new LinkedHashMap<>();
            for (Row r : rows) {
                out.computeIfAbsent(r.getString("station_id"), k -> new ArrayList<>())
                        .add(new DayReading(r.getLocalDate("date").toString(), r.getDouble("degrees")));
            }
            out.values().forEach(list -> list.sort(java.util.Comparator.comparing(DayReading::date)));
            return out;
        });
    }
}
