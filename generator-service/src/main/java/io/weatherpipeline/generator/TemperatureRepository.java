package io.weatherpipeline.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The generator's tables in MySQL, through the reactive client. */
@ApplicationScoped
public class TemperatureRepository {

    /** The pipeline's source table; the unique key makes a repeated (station, date) impossible. */
    static final String CREATE_TEMPERATURES = """
            CREATE TABLE IF NOT EXISTS temperatures (
              id BIGINT AUTO_INCREMENT PRIMARY KEY,
              station_id VARCHAR(64) NOT NULL,
              date DATE NOT NULL,
              degrees DOUBLE NOT NULL,
              UNIQUE KEY station_day (station_id, date)
            )""";

    /** Stations added or stopped at run time, so a restart keeps them as they were. */
    static final String CREATE_STATIONS = """
            CREATE TABLE IF NOT EXISTS generator_stations (
              station_id VARCHAR(64) PRIMARY KEY,
              active BOOLEAN NOT NULL
            )""";

    private final Pool pool;

    TemperatureRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> createTablesIfAbsent() {
        return pool.query(CREATE_TEMPERATURES).execute()
                .chain(() -> pool.query(CREATE_STATIONS).execute())
                .replaceWithVoid();
    }

    public Uni<Map<String, LocalDate>> lastStoredDates() {
        return pool.query("SELECT station_id, MAX(date) AS last FROM temperatures GROUP BY station_id").execute()
                .map(rows -> {
                    Map<String, LocalDate> last = new HashMap<>();
                    for (Row row : rows) {
                        last.put(row.getString("station_id"), row.getLocalDate("last"));
                    }
                    return last;
                });
    }

    public Uni<Map<String, Boolean>> stationFlags() {
        return pool.query("SELECT station_id, active FROM generator_stations").execute()
                .map(rows -> {
                    Map<String, Boolean> flags = new HashMap<>();
                    for (Row row : rows) {
                        flags.put(row.getString("station_id"), row.getBoolean("active"));
                    }
                    return flags;
                });
    }

    public Uni<Void> saveStation(String id, boolean active) {
        return pool.preparedQuery("INSERT INTO generator_stations (station_id, active) VALUES (?, ?)"
                        + " ON DUPLICATE KEY UPDATE active = VALUES(active)")
                .execute(Tuple.of(id, active))
                .replaceWithVoid();
    }

    /** Inserts a tick's rows in one transaction: multi-row INSERTs of at most {@code rowsPerStatement}. */
    public Uni<Void> insert(List<Reading> rows, int rowsPerStatement) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Reading>> chunks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += rowsPerStatement) {
            chunks.add(rows.subList(i, Math.min(rows.size(), i + rowsPerStatement)));
        }
        return pool.withTransaction(conn -> Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> insertChunk(conn, chunk))
                .collect().last()
                .replaceWithVoid());
    }

    private static Uni<Void> insertChunk(SqlConnection conn, List<Reading> chunk) {
        StringBuilder sql = new StringBuilder("INSERT INTO temperatures (station_id, date, degrees) VALUES ");
        List<Object> params = new ArrayList<>(chunk.size() * 3);
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
            Reading r = chunk.get(i);
            params.add(r.stationId());
            params.add(r.date());
            params.add(r.degrees());
        }
        return conn.preparedQuery(sql.toString()).execute(Tuple.from(params)).replaceWithVoid();
    }
}
