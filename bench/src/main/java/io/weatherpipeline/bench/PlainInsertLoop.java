package io.weatherpipeline.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLPool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.weatherpipeline.stack.StackSettings;

/**
 * The reference of the MySQL-writing benchmarks: rows inserted by a plain loop of multi-row INSERTs, a
 * fixed number of rows per transaction and per statement, one after the other on one connection, with the
 * same client library as the services (Vert.x's MySQL client, prepared statements cached). Nothing is
 * computed per row beyond its values. Used for generator-service ({@link #generatorReference}) and
 * alerts-service ({@code AlertsBenchmark}).
 */
final class PlainInsertLoop {

    private final String table;
    private final List<String> columns;
    private final int rowsPerTransaction;
    private final int rowsPerStatement;

    /**
     * @param table where the rows go
     * @param columns the columns each row sets, in the order {@code values} gives them
     */
    PlainInsertLoop(String table, List<String> columns, int rowsPerTransaction, int rowsPerStatement) {
        this.table = table;
        this.columns = columns;
        this.rowsPerTransaction = rowsPerTransaction;
        this.rowsPerStatement = rowsPerStatement;
    }

    /** A pool like the services': one connection is enough for the loop, statements cached whatever their length. */
    static MySQLPool pool(Vertx vertx, StackSettings s, int size) {
        return MySQLPool.pool(vertx, new MySQLConnectOptions().setHost("127.0.0.1").setPort(s.mysqlPort())
                .setDatabase(s.database()).setUser(s.user()).setPassword(s.password())
                .setCachePreparedStatements(true).setPreparedStatementCacheSqlLimit(1 << 20),
                new PoolOptions().setMaxSize(size));
    }

    /** Inserts rows 0 … {@code rows}-1, row {@code i} with {@code values.apply(i)}; returns how many. */
    long insert(MySQLPool db, long rows, LongFunction<List<Object>> values) throws Exception {
        String full = statement(rowsPerStatement);
        long done = 0;
        SqlConnection conn = await(db.getConnection());
        try {
            while (done < rows) {
                long end = Math.min(rows, done + rowsPerTransaction);
                await(conn.query("BEGIN").execute());
                for (long from = done; from < end; from += rowsPerStatement) {
                    long to = Math.min(end, from + rowsPerStatement);
                    List<Object> params = new ArrayList<>((int) (to - from) * columns.size());
                    for (long i = from; i < to; i++) {
                        params.addAll(values.apply(i));
                    }
                    String sql = to - from == rowsPerStatement ? full : statement((int) (to - from));
                    await(conn.preparedQuery(sql).execute(Tuple.from(params)));
                }
                await(conn.query("COMMIT").execute());
                done = end;
            }
        } finally {
            await(conn.close());
        }
        return done;
    }

    /**
     * generator-service's reference (issue #16): {@code rows} rows of ten stations, a day each per ten rows
     * as the generator writes them, into a copy of table {@code temperatures} (same columns and keys),
     * dropped afterwards; rows per second.
     */
    static double generatorReference(StackSettings s, long rows, int rowsPerTransaction, int rowsPerStatement)
            throws Exception {
        String table = "reference_temperatures";
        LocalDate start = LocalDate.of(2000, 1, 1);
        Vertx vertx = Vertx.vertx();
        try {
            MySQLPool db = pool(vertx, s, 1);
            await(db.query("DROP TABLE IF EXISTS " + table).execute());
            await(db.query("CREATE TABLE " + table + " LIKE temperatures").execute());
            PlainInsertLoop loop = new PlainInsertLoop(table, List.of("station_id", "date", "degrees"),
                    rowsPerTransaction, rowsPerStatement);
            long t0 = System.nanoTime();
            long done = loop.insert(db, rows, i -> List.of("Station" + (char) ('A' + i % 10), start.plusDays(i / 10),
                    10.0 + (i % 97) / 4.0));
            double seconds = (System.nanoTime() - t0) / 1e9;
            await(db.query("DROP TABLE " + table).execute());
            await(db.close());
            return done / seconds;
        } finally {
            await(vertx.close());
        }
    }

    private String statement(int rows) {
        String row = "(" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? row : ", " + row);
        }
        return sql.toString();
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
}
