package io.weatherpipeline.consumer.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.consumer.batch.BatchFooter;
import io.weatherpipeline.consumer.batch.Checkpoint;
import io.weatherpipeline.consumer.columns.Reading;
import io.weatherpipeline.consumer.columns.ReadingColumns;
import io.weatherpipeline.consumer.writer.DeadLetterPublisher.Poison;
import io.weatherpipeline.consumer.writer.PartitionBuffer.Batch;
import io.weatherpipeline.proto.Report;

/** The buffering rules of one partition, on records made here (no Kafka, no HDFS). */
class PartitionBufferTest {

    private static final String TOPIC = "temperatures";
    private static final int P = 2;
    private static final byte[] NOT_A_REPORT = "not a report".getBytes(StandardCharsets.UTF_8);

    private static ConsumerRecord<byte[], byte[]> report(long offset, String station) {
        byte[] value = Report.newBuilder().setStationId(station).setDate("2001-02-03").setDegrees(offset / 10.0).build()
                .toByteArray();
        return new ConsumerRecord<>(TOPIC, P, offset, station.getBytes(StandardCharsets.UTF_8), value);
    }

    private static ConsumerRecord<byte[], byte[]> report(long offset) {
        return report(offset, "Station" + (char) ('A' + offset % 10));
    }

    private static ConsumerRecord<byte[], byte[]> poison(long offset) {
        return new ConsumerRecord<>(TOPIC, P, offset, null, NOT_A_REPORT);
    }

    private static List<Long> rowOffsets(ReadingColumns rows) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.offset(i));
        }
        return out;
    }

    private static List<Long> poisonOffsets(Batch batch) {
        return batch.poison().stream().map(Poison::offset).toList();
    }

    @Test
    void recordsBelowTheNextExpectedOffsetAreSkipped() {
        PartitionBuffer buffer = new PartitionBuffer(TOPIC, P, 100);
        assertFalse(buffer.take(report(99), 0), "below the checkpoint: in a batch file already");
        assertEquals(0, buffer.size());
        assertTrue(buffer.take(report(100), 0));
        assertFalse(buffer.take(report(100), 0), "read again after a seek: buffered already");
        assertFalse(buffer.take(poison(100), 0), "skipped before it is decoded");
        assertTrue(buffer.take(report(103), 0), "101 and 102 never came: transaction markers");
        assertEquals(104, buffer.next());
        assertEquals(2, buffer.size());
        assertEquals(List.of(100L, 103L), rowOffsets(buffer.seal(new Checkpoint(4, 100)).rows()));
    }

    @Test
    void sealingComputesTheFooterAndTheCheckpointAfterIt() {
        PartitionBuffer buffer = new PartitionBuffer(TOPIC, P, 100);
        buffer.take(poison(100), 0);
        buffer.take(report(101), 0);
        buffer.take(report(102), 0);
        buffer.take(report(104), 0);
        Batch batch = buffer.seal(new Checkpoint(3, 100));
        assertEquals(new BatchFooter(TOPIC, P, 4, 100, 105, 100, 104, 3, List.of(100L)), batch.footer(),
                "the first offset is the poison record's; 103 was a transaction marker");
        assertEquals(new Checkpoint(4, 105), batch.after());
        assertEquals(0, buffer.size(), "the buffer starts empty");
        assertEquals(105, buffer.next());

        buffer.take(report(105), 0);
        buffer.take(poison(107), 0);
        Batch second = buffer.seal(batch.after());
        assertEquals(new BatchFooter(TOPIC, P, 5, 105, 108, 105, 107, 1, List.of(107L)), second.footer(),
                "the last offset is the poison record's");
        assertEquals(new Reading("StationF", (int) LocalDate.of(2001, 2, 3).toEpochDay(), 10.5),
                second.rows().reading(0));
    }

    @Test
    void aFailedBatchGoesBackInFrontOfWhatWasBufferedSince() {
        PartitionBuffer buffer = new PartitionBuffer(TOPIC, P, 0);
        buffer.take(report(0), 1_000);
        buffer.take(report(1), 1_100);
        buffer.take(poison(2), 1_200);
        buffer.take(report(3), 1_300);
        Batch failed = buffer.seal(Checkpoint.INITIAL);
        buffer.take(report(4), 5_000);
        buffer.take(poison(5), 5_100);
        buffer.take(report(6), 5_200);
        assertEquals(1_000, buffer.ageNanos(6_000), "measured from the first record after the seal");

        buffer.putBack(failed);
        assertEquals(7, buffer.size());
        assertEquals(7, buffer.next(), "the next offset stays after the newest record");
        assertEquals(5_000, buffer.ageNanos(6_000), "the failed batch's records are the oldest again");
        Batch again = buffer.seal(Checkpoint.INITIAL);
        assertEquals(List.of(0L, 1L, 3L, 4L, 6L), rowOffsets(again.rows()));
        assertEquals(List.of(2L, 5L), poisonOffsets(again));
        assertEquals(new BatchFooter(TOPIC, P, 0, 0, 7, 0, 6, 5, List.of(2L, 5L)), again.footer());
        assertEquals(1_000, again.bufferedSince());
    }

    @Test
    void aFailedBatchPutBackIntoAnEmptyBufferIsTheWholeBuffer() {
        PartitionBuffer buffer = new PartitionBuffer(TOPIC, P, 0);
        buffer.take(report(0), 10);
        Batch failed = buffer.seal(Checkpoint.INITIAL);
        assertEquals(0, buffer.ageNanos(50));
        buffer.putBack(failed);
        assertEquals(40, buffer.ageNanos(50));
        assertEquals(failed.footer(), buffer.seal(Checkpoint.INITIAL).footer());
    }

    @Test
    void dropBelowForgetsWhatARecoveredBatchFileHolds() {
        PartitionBuffer buffer = new PartitionBuffer(TOPIC, P, 0);
        for (long o = 0; o < 10; o++) {
            buffer.take(o == 3 || o == 7 ? poison(o) : report(o), o);
        }
        // Recovery adopted a batch file holding offsets 0..5 (written before a crash, never checkpointed).
        buffer.dropBelow(6);
        assertEquals(4, buffer.size());
        assertEquals(10, buffer.next(), "what is buffered above stays taken");
        Batch batch = buffer.seal(new Checkpoint(0, 6));
        assertEquals(new BatchFooter(TOPIC, P, 1, 6, 10, 6, 9, 3, List.of(7L)), batch.footer());
    }

    @Test
    void dropBelowPastEverythingBufferedMovesTheNextOffset() {
        PartitionBuffer buffer = new PartitionBuffer(TOPIC, P, 0);
        buffer.take(report(0), 0);
        buffer.take(report(1), 0);
        buffer.dropBelow(20);
        assertEquals(0, buffer.size());
        assertEquals(20, buffer.next());
        assertFalse(buffer.take(report(15), 0), "below what recovery found on HDFS");
        assertTrue(buffer.take(report(20), 0));
        buffer.dropBelow(5);
        assertEquals(21, buffer.next(), "an older checkpoint never moves the next offset back");
        assertEquals(1, buffer.size());
    }

    @Test
    void aBufferKeptOverARevocationResumesAtItsNextOffset() {
        PartitionBuffer buffer = new PartitionBuffer(TOPIC, P, 0);
        for (long o = 0; o < 10; o++) {
            buffer.take(report(o), 0);
        }
        // Revoked: nothing is written, the buffer stays. Polls still queued come all the same, and once
        // the partition is back the consumer seeks to next(); a poll fetched before may repeat records.
        long seekTo = buffer.next();
        assertEquals(10, seekTo);
        for (long o = 5; o < 15; o++) {
            assertEquals(o >= 10, buffer.take(report(o), 0), "offset " + o);
        }
        Batch batch = buffer.seal(Checkpoint.INITIAL);
        assertEquals(new BatchFooter(TOPIC, P, 0, 0, 15, 0, 14, 15, List.of()), batch.footer());
    }

    @Test
    void theNextBatchSharesTheStationDictionaryAndReusesWrittenColumns() {
        PartitionBuffer buffer = new PartitionBuffer(TOPIC, P, 0);
        buffer.take(report(0), 0);
        Batch first = buffer.seal(Checkpoint.INITIAL);
        buffer.take(report(1), 0);
        buffer.recycle(first);
        assertEquals(0, first.rows().size(), "a written batch's columns are emptied");
        Batch second = buffer.seal(first.after());
        assertSame(first.rows().stations(), second.rows().stations());
        buffer.take(report(2), 0);
        Batch third = buffer.seal(second.after());
        assertSame(first.rows(), third.rows(), "the columns of the written batch are used again");
        assertEquals(List.of(2L), rowOffsets(third.rows()));
    }

    @Test
    void theStationDictionaryStartsAfreshPastMaxStations() {
        PartitionBuffer buffer = new PartitionBuffer(TOPIC, P, 0);
        int stations = PartitionBuffer.MAX_STATIONS + 1;
        for (int o = 0; o < stations; o++) {
            buffer.take(report(o, "S" + o), 0);
        }
        Batch big = buffer.seal(Checkpoint.INITIAL);
        assertEquals(stations, big.rows().stations().size());
        buffer.take(report(stations, "S0"), 0);
        buffer.recycle(big);
        Batch next = buffer.seal(big.after());
        assertNotSame(big.rows().stations(), next.rows().stations());
        assertEquals(1, next.rows().stations().size(), "only the stations of the new batch");
        assertEquals("S0", next.rows().reading(0).stationId());
        buffer.take(report(stations + 1, "S1"), 0);
        assertNotSame(big.rows(), buffer.seal(next.after()).rows(),
                "columns numbering the old dictionary are not used again");
    }

    @Test
    void aBatchPutBackAcrossADictionaryRolloverKeepsItsStations() {
        PartitionBuffer buffer = new PartitionBuffer(TOPIC, P, 0);
        int stations = PartitionBuffer.MAX_STATIONS + 1;
        for (int o = 0; o < stations; o++) {
            buffer.take(report(o, "S" + o), 0);
        }
        Batch failed = buffer.seal(Checkpoint.INITIAL);
        buffer.take(report(stations, "Fresh"), 0);
        buffer.putBack(failed);
        Batch again = buffer.seal(Checkpoint.INITIAL);
        assertEquals(stations + 1, again.rows().size());
        assertEquals("S7", again.rows().reading(7).stationId());
        assertEquals("Fresh", again.rows().reading(stations).stationId());
    }
}
