package io.weatherpipeline.producer;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the rows after a given id from table {@code temperatures} and encodes them, ready to send. */
@ApplicationScoped
public class RowReader {

    /**
     * A row read and encoded, with its Kafka record when it is a valid reading. A dead letter's record
     * is made only when it is sent ({@link TransactionSender}), so a row read twice (held behind an id
     * gap, say) is logged as a dead letter once.
     */
    public record OutgoingRow(RowEncoder.Encoded encoded, ProducerRecord<String, byte[]> record) {

        public long id() {
            return encoded.row().id();
        }

        public boolean isReading() {
            return record != null;
        }
    }

    /**
     * The rows with an id above {@code after}, ascending; {@code full} when the read returned as many
     * as {@code producer.batch-size} allows, so more rows may be waiting.
     */
    public record Rows(long after, List<OutgoingRow> rows, boolean full) {

        public List<Long> ids() {
            return rows.stream().map(OutgoingRow::id).toList();
        }
    }

    private final Pool pool;
    private final String topic;
    private final int batchSize;
    private final RowEncoder encoder;
    private final String databaseUrl;

    RowReader(Pool pool, TailerConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String databaseUrl) {
        this.pool = pool;
        this.topic = config.topic();
        this.batchSize = config.batchSize();
        this.encoder = new RowEncoder(config.minDegrees(), config.maxDegrees());
        this.databaseUrl = databaseUrl;
    }

    /**
     * At most a batch of rows after {@code after}, encoded where MySQL's answer arrives (the event
     * loop), so the sending thread, the bottleneck, only sends.
     */
    public Uni<Rows> read(long after) {
        // Autocommit: every SELECT is a fresh transaction, so rows committed since the last poll are visible.
        return pool.preparedQuery("SELECT id, station_id, date, degrees FROM temperatures WHERE id > ? ORDER BY id LIMIT ?")
                .execute(Tuple.of(after, batchSize))
                .map(rows -> {
                    List<OutgoingRow> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(encode(new SourceRow(r.getLong("id"), r.getString("station_id"),
                                r.getLocalDate("date"), r.getDouble("degrees"))));
                    }
                    return new Rows(after, out, out.size() == batchSize);
                })
                .onFailure().transform(e -> new ServerUnavailableException(
                        "MySQL at " + databaseUrl + " to read table temperatures", e));
    }

    /**
     * Starts {@link #read} now and returns its result for later: the read runs while the caller does
     * something else (commits the previous batch). A failure is kept for whoever awaits the result.
     */
    public Uni<Rows> readAhead(long after) {
        Uni<Rows> read = read(after).memoize().indefinitely();
        read.subscribe().with(rows -> {
        }, failure -> {
            // Seen again, and handled, by whoever awaits the read.
        });
        return read;
    }

    private OutgoingRow encode(SourceRow row) {
        RowEncoder.Encoded e = encoder.encode(row);
        if (!e.ok()) {
            return new OutgoingRow(e, null);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.ROW_ID, Headers.rowId(row.id()));
        return new OutgoingRow(e, new ProducerRecord<>(topic, null, row.stationId(), e.bytes(), headers));
    }
}
