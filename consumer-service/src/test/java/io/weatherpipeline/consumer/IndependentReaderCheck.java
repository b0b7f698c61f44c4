package io.weatherpipeline.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;

import io.weatherpipeline.consumer.batch.BatchFooter;
import io.weatherpipeline.consumer.columns.Reading;

/**
 * Reads a batch file with DuckDB, a Parquet implementation that shares no code with ours: the
 * schema a user sees, the rows, and the footer metadata.
 */
final class IndependentReaderCheck {

    private IndependentReaderCheck() {
    }

    /** Copies {@code file} out of HDFS and checks it with DuckDB against {@code expected}. */
    static void assertReadable(FileSystem fs, org.apache.hadoop.fs.Path file, List<Reading> expected, BatchFooter footer)
            throws Exception {
        Path local = Files.createTempDirectory("duckdb-check").resolve("batch.parquet");
        fs.copyToLocalFile(false, file, new org.apache.hadoop.fs.Path(local.toUri()), true);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String source = "read_parquet('" + local + "')";
            Map<String, String> schema = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
                while (rs.next()) {
                    schema.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
            assertEquals(Map.of("station_id", "VARCHAR", "date", "DATE", "degrees", "DOUBLE"), schema);
            assertEquals(List.of("station_id", "date", "degrees"), List.copyOf(schema.keySet()));

            List<Reading> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT station_id, CAST(date AS VARCHAR) AS d, degrees FROM " + source)) {
                while (rs.next()) {
                    rows.add(new Reading(rs.getString(1), (int) LocalDate.parse(rs.getString(2)).toEpochDay(),
                            rs.getDouble(3)));
                }
            }
            assertEquals(expected, rows);

            Map<String, String> meta = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT CAST(key AS VARCHAR), CAST(value AS VARCHAR) FROM parquet_kv_metadata('"
                    + local + "')")) {
                while (rs.next()) {
                    meta.put(rs.getString(1), rs.getString(2));
                }
            }
            assertEquals(footer, BatchFooter.fromMetadata(meta));
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
