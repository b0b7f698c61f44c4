package io.weatherpipeline.bench;

import java.time.LocalDate;

import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLPool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.weatherpipeline.stack.StackSettings;

/**
 * The read half of producer-service alone: its query ({@code SELECT id, station_id, date, degrees FROM temperatures
 * WHERE id > ? ORDER BY id LIMIT ?}), batch after batch on one connection with the same client library (Vert.x's MySQL
 * client), each row's four columns read, nothing sent anywhere. What this loop reaches is how fast MariaDB, on the
 * same cores, hands the producer its rows: no producer can send faster than it reads.
 */
final class PlainSelectLoop {

    private PlainSelectLoop() {
    }

    /** Reads every row of {@code temperatures}, {@code batch} rows per query; rows per second. */
    static double rowsPerSecond(StackSettings s, int batch) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MySQLPool db = PlainInsertLoop.pool(vertx, s, 1);
            long last = 0;
            long rows = 0;
            long t0 = System.nanoTime();
            while (true) {
                RowSet<Row> page = PlainInsertLoop.await(db.preparedQuery(
                        "SELECT id, station_id, date, degrees FROM temperatures WHERE id > ? ORDER BY id LIMIT ?")
                        .execute(Tuple.of(last, batch)));
                if (page.size() == 0) {
                    break;
                }
                for (Row row : page) {
                    last = row.getLong(0);
                    String station = row.getString(1);
                    LocalDate date = row.getLocalDate(2);
                    Double degrees = row.getDouble(3);
                    if (station == null || date == null || degrees == null) {
                        throw new IllegalStateException("row " + last + " has an empty column");
                    }
                    rows++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            PlainInsertLoop.await(db.close());
            return rows / seconds;
        } finally {
            PlainInsertLoop.await(vertx.close());
        }
    }
}
