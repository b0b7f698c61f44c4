package io.weatherpipeline.consumer.writer;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.weatherpipeline.consumer.batch.BatchFooter;
import io.weatherpipeline.consumer.batch.Checkpoint;
import io.weatherpipeline.consumer.columns.ReadingColumns;
import io.weatherpipeline.consumer.columns.ReportWireDecoder;
import io.weatherpipeline.consumer.columns.StationDictionary;
import io.weatherpipeline.consumer.writer.DeadLetterPublisher.Poison;
import io.weatherpipeline.proto.MalformedReportException;
import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;

/**
 * The records of one partition waiting for their batch file, and the next offset the partition
 * takes: the buffering rules of {@link PartitionWriter}, with no IO. Not thread-safe.
 *
 * <ul>
 * <li>Records below {@link #next()} are skipped: they are in a batch already, or in this buffer.</li>
 * <li>{@link #seal} turns the buffer into a {@link Batch} and starts an empty one; a batch that
 * could not be written goes back in front of what was buffered since ({@link #putBack}).</li>
 * <li>{@link #dropBelow} forgets what a batch file found by recovery already holds.</li>
 * </ul>
 */
final class PartitionBuffer {

    /** More distinct stations than this, and the station dictionary starts afresh with the next batch. */
    static final int MAX_STATIONS = 10_000;

    private final String topic;
    private final int partition;
    private final ReportWireDecoder decoder = new ReportWireDecoder();
    private long next;
    private ReadingColumns rows = new ReadingColumns();
    /** An emptied buffer, kept for the next batch. */
    private ReadingColumns spare;
    private List<Poison> poison = new ArrayList<>();
    private long bufferedSince;

    /**
     * A sealed batch: its rows and poison records, the footer its file gets, and the checkpoint that
     * follows it.
     *
     * @param bufferedSince when its oldest record was buffered ({@link System#nanoTime()})
     */
    record Batch(BatchFooter footer, ReadingColumns rows, List<Poison> poison, Checkpoint after, long bufferedSince) {
    }

    /** @param next the first offset to take (the checkpoint's) */
    PartitionBuffer(String topic, int partition, long next) {
        this.topic = topic;
        this.partition = partition;
        this.next = next;
    }

    /** The next offset this buffer takes: where reading must continue for the stream to have no gap. */
    long next() {
        return next;
    }

    /** Records and poison records held. */
    int size() {
        return rows.size() + poison.size();
    }

    /** Nanos since the oldest held record arrived (0 when empty). */
    long ageNanos(long now) {
        return size() == 0 ? 0 : now - bufferedSince;
    }

    /**
     * Buffers one record; false when it was skipped as already written (or already buffered).
     *
     * <p>The records of one partition come in offset order, and the stream only ever steps back: the
     * consumer is only seeked to {@link #next()} or to the checkpoint, and every fetched record reaches
     * the writer (none is dropped on the way). So skipping those below {@code next} can never open a
     * gap; offsets above it that never come were transaction markers or aborted records.
     *
     * @param now {@link System#nanoTime()}, the record's arrival
     */
    boolean take(ConsumerRecord<byte[], byte[]> r, long now) {
        if (r.offset() < next) {
            return false;
        }
        if (size() == 0) {
            bufferedSince = now;
        }
        next = r.offset() + 1;
        if (decoder.append(r.value(), r.offset(), rows)) {
            return true;
        }
        try {
            Report report = ReportCodec.decode(r.value(), r.topic(), r.partition(), r.offset());
            rows.add(rows.stations().intern(report.getStationId()), (int) ReportCodec.epochDay(report.getDate()),
                    report.getDegrees(), r.offset());
        } catch (MalformedReportException e) {
            poison.add(new Poison(r.topic(), r.partition(), r.offset(), r.key(), r.value(), e.reason()));
        }
        return true;
    }

    /**
     * Seals what is held as the batch after {@code checkpoint}, covering the offsets from the
     * checkpoint's up to {@link #next()}; the buffer is empty afterwards and goes on taking records.
     */
    Batch seal(Checkpoint checkpoint) {
        long first = Math.min(rows.size() == 0 ? Long.MAX_VALUE : rows.offset(0),
                poison.isEmpty() ? Long.MAX_VALUE : poison.get(0).offset());
        BatchFooter footer = new BatchFooter(topic, partition, checkpoint.nextBatchId(), checkpoint.offset(), next,
                first, next - 1, rows.size(), poison.stream().map(Poison::offset).toList());
        Batch batch = new Batch(footer, rows, poison, checkpoint.after(next), bufferedSince);
        // The sealed rows keep their station dictionary; the next buffer shares it unless it grew too big.
        boolean tooManyStations = rows.stations().size() > MAX_STATIONS;
        if (spare == null || tooManyStations) {
            spare = new ReadingColumns(tooManyStations ? new StationDictionary() : rows.stations());
        }
        rows = spare;
        spare = null;
        poison = new ArrayList<>();
        return batch;
    }

    /** {@code batch} is written: its emptied columns are kept for a later batch if they share the dictionary. */
    void recycle(Batch batch) {
        batch.rows().clear();
        if (batch.rows().stations() == rows.stations()) {
            spare = batch.rows();
        }
    }

    /**
     * {@code batch} could not be written: its records go back in front of those buffered since, and
     * the buffer's age is the batch's again. {@link #next()} stays where it is.
     */
    void putBack(Batch batch) {
        batch.rows().appendAll(rows);
        rows = batch.rows();
        List<Poison> all = new ArrayList<>(batch.poison());
        all.addAll(poison);
        poison = all;
        bufferedSince = batch.bufferedSince();
    }

    /**
     * Forgets the records below {@code offset}, which a batch file found by recovery already holds,
     * and takes nothing below it from now on.
     */
    void dropBelow(long offset) {
        rows.dropBelow(offset);
        poison.removeIf(p -> p.offset() < offset);
        next = Math.max(next, offset);
    }
}
