package io.weatherpipeline.producer;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.weatherpipeline.stack.StackSettings;

/**
 * Keeps inserting rows into table temperatures from another process (the {@code mariadb} client in
 * batch mode), like the generator does, while a test kills the producer.
 */
final class RowInserter implements AutoCloseable {

    private final Process client;
    private final Writer sql;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile IOException failure;

    RowInserter(StackSettings mysql, String stationPrefix, int rowsPerStatement, long pauseMillis) throws IOException {
        client = new ProcessBuilder(List.of("mariadb", "--no-defaults", "--protocol=TCP", "-h", "127.0.0.1",
                "-P", String.valueOf(mysql.mysqlPort()), "-u", mysql.user(), "-p" + mysql.password(),
                "-D", mysql.database(), "--batch"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        sql = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
        thread = new Thread(() -> {
            LocalDate day = LocalDate.of(2010, 1, 1);
            try {
                while (running) {
                    StringBuilder s = new StringBuilder("INSERT INTO temperatures (station_id, date, degrees) VALUES ");
                    for (int i = 0; i < rowsPerStatement; i++) {
                        s.append(i == 0 ? "" : ",").append("('").append(stationPrefix).append(i).append("','")
                                .append(day).append("',").append(10 + i % 20).append(".5)");
                    }
                    sql.write(s.append(";\n").toString());
                    sql.flush();
                    day = day.plusDays(1);
                    Thread.sleep(pauseMillis);
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "row-inserter");
        thread.start();
    }

    /** Stops inserting and waits until every statement written has run. */
    @Override
    public void close() throws Exception {
        running = false;
        thread.join(10_000);
        sql.close();
        if (!client.waitFor(30, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException("mariadb client did not finish its inserts");
        }
        if (failure != null) {
            throw failure;
        }
        if (client.exitValue() != 0) {
            throw new IllegalStateException("mariadb client failed with exit code " + client.exitValue());
        }
    }
}
