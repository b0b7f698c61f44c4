package io.weatherpipeline.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLPool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.weatherpipeline.stack.StackSettings;

/**
 * The generator's reference (issue #16): the same number of rows, in transactions of a tick's size and
 * statements of the generator's size, inserted by a plain loop into a copy of table {@code temperatures}
 * (same columns and keys), with the same client library (Vert.x's MySQL client, prepared statements cached),
 * one after the other on one connection. Nothing is computed per row beyond the values.
 */
final class PlainInsertLoop {

    private static final String TABLE = "reference_temperatures";

    private PlainInsertLoop() {
    }

    /** Rows per second of the loop; the copy of the table is dropped afterwards. */
    static double rowsPerSecond(StackSettings s, long rows, int rowsPerTransaction, int rowsPerStatement) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MySQLPool db = MySQLPool.pool(vertx, new MySQLConnectOptions().setHost("127.0.0.1").setPort(s.mysqlPort())
                    .setDatabase(s.database()).setUser(s.user()).setPassword(s.password())
                    .setCachePreparedStatements(true).setPreparedStatementCacheSqlLimit(1 << 20),
                    new PoolOptions().setMaxSize(1));
            await(db.query("DROP TABLE IF EXISTS " + TABLE).execute());
            await(db.query("CREATE TABLE " + TABLE + " LIKE temperatures").execute());
            SqlConnection conn = await(db.getConnection());
            String full = insert(rowsPerStatement);
            LocalDate start = LocalDate.of(2000, 1, 1);
            long t0 = System.nanoTime();
            long done = 0;
            try {
                while (done < rows) {
                    long end = Math.min(rows, done + rowsPerTransaction);
                    await(conn.query("BEGIN").execute());
                    for (long from = done; from < end; from += rowsPerStatement) {
                        long to = Math.min(end, from + rowsPerStatement);
                        List<Object> params = new ArrayList<>((int) (to - from) * 3);
                        for (long i = from; i < to; i++) {
                            // Ten stations, one day each per ten rows, as the generator writes them.
                            params.add("Station" + (char) ('A' + i % 10));
                            params.add(start.plusDays(i / 10));
                            params.add(10.0 + (i % 97) / 4.0);
                        }
                        String sql = to - from == rowsPerStatement ? full : insert((int) (to - from));
                        await(conn.preparedQuery(sql).execute(Tuple.from(params)));
                    }
                    await(conn.query("COMMIT").execute());
                    done = end;
                }
            } finally {
                await(conn.close());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            await(db.query("DROP TABLE " + TABLE).execute());
            await(db.close());
            return done / seconds;
        } finally {
            await(vertx.close());
        }
    }

    private static String insert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + TABLE + " (station_id, date, degrees) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
        }
        return sql.toString();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
}
