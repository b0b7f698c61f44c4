package io.weatherpipeline.alerts.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.proto.Report;

class PollDecoderTest {

    static byte[] report(String station, String date, double degrees) {
        return Report.newBuilder().setStationId(station).setDate(date).setDegrees(degrees).build().toByteArray();
    }

    static ConsumerRecords<byte[], byte[]> poll(Map<Integer, List<Object[]>> byPartition) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
        byPartition.forEach((p, list) -> {
            TopicPartition tp = new TopicPartition("temperatures", p);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            for (Object[] r : list) {
                out.add(new ConsumerRecord<>("temperatures", p, (Long) r[0], null, (byte[]) r[1]));
            }
            records.put(tp, out);
            next.put(tp, new OffsetAndMetadata((Long) list.get(list.size() - 1)[0] + 1 + p));
        });
        return new ConsumerRecords<>(records, next);
    }

    @Test
    void alertsAboveTheThresholdPoisonWithItsReasonAndEveryOffset() {
        Map<Integer, List<Object[]>> in = new LinkedHashMap<>();
        in.put(0, List.of(
                new Object[] {10L, report("StationA", "2000-07-01", 31.5)},
                new Object[] {11L, report("StationA", "2000-07-02", 30.0)},
                new Object[] {13L, new byte[] {(byte) 0xff, 1, 2, 3}},
                new Object[] {14L, report("StationA", "2000-07-03", 12.0)},
                new Object[] {15L, report("StationA", "2000-07-04", 40.25)}));
        in.put(3, List.of(
                new Object[] {7L, null},
                new Object[] {8L, report("StationD", "2000-02-30", 35)},
                new Object[] {9L, report("S".repeat(65), "2000-01-01", 35)},
                new Object[] {10L, report("S".repeat(65), "2000-01-01", 5)}));
        DecodedPoll poll = new PollDecoder(new AlertRule(30.0)).decode(poll(in), 7);

        assertEquals(7, poll.generation());
        assertEquals(9, poll.records());
        DecodedPoll.PartitionRecords p0 = poll.partitions().get(0);
        assertEquals(0, p0.partition());
        assertArrayEquals(new long[] {10, 11, 13, 14, 15}, p0.offsets());
        assertEquals(16, p0.next());
        assertEquals(List.of(new Alert("StationA", LocalDate.of(2000, 7, 1), 31.5, 30.0, 0, 10),
                new Alert("StationA", LocalDate.of(2000, 7, 4), 40.25, 30.0, 0, 15)), p0.alerts());
        assertEquals(1, p0.poison().size());
        assertEquals(13, p0.poison().get(0).offset());
        assertTrue(p0.poison().get(0).reason().startsWith("not a protobuf Report"), p0.poison().get(0).reason());

        DecodedPoll.PartitionRecords p3 = poll.partitions().get(1);
        assertEquals(14, p3.next(), "the consumer's position, past three markers");
        assertEquals(List.of(), p3.alerts());
        assertEquals(List.of(7L, 8L, 9L), p3.poison().stream().map(Poison::offset).toList(),
                "a tombstone, an impossible date, and a station id too long for the table (only when it is an alert)");
        assertTrue(p3.poison().get(0).reason().contains("tombstone"));
        assertTrue(p3.poison().get(1).reason().contains("is not YYYY-MM-DD"));
        assertTrue(p3.poison().get(2).reason().contains("the table holds 64"));
    }

    @Test
    void withoutThePositionTheOffsetMovesPastTheLastRecord() {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = Map.of(new TopicPartition("t", 1),
                List.of(new ConsumerRecord<>("t", 1, 41L, null, report("S", "2000-01-01", 1))));
        @SuppressWarnings("deprecation")
        ConsumerRecords<byte[], byte[]> rewritten = new ConsumerRecords<>(records);
        assertEquals(42, new PollDecoder(new AlertRule(30)).decode(rewritten, 1).partitions().get(0).next());
    }

    @Test
    void firstIndexFromSkipsWhatWasReadBefore() {
        DecodedPoll.PartitionRecords r = new DecodedPoll.PartitionRecords(0, new long[] {4, 5, 9}, 10, List.of(), List.of());
        assertEquals(0, r.firstIndexFrom(Long.MIN_VALUE));
        assertEquals(0, r.firstIndexFrom(4));
        assertEquals(2, r.firstIndexFrom(6));
        assertEquals(3, r.firstIndexFrom(10));
    }
}
