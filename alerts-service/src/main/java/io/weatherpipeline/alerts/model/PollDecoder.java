package io.weatherpipeline.alerts.model;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.weatherpipeline.proto.MalformedReportException;
import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;
import io.weatherpipeline.proto.ReportWire;

/**
 * Turns a poll's raw records into a {@link DecodedPoll}: a Report above the threshold becomes an
 * {@link Alert}, a value that is not a storable Report becomes a {@link Poison} with its reason. Every
 * value is checked as strictly as {@link ReportCodec} does: the plain form producers write is read in
 * place ({@link ReportWire}, no Report built), and only the alerts and anything unusual are decoded by
 * {@code ReportCodec}. Keys are not read (the station is in the value).
 */
public final class PollDecoder {

    private final AlertRule rule;

    public PollDecoder(AlertRule rule) {
        this.rule = rule;
    }

    public DecodedPoll decode(ConsumerRecords<byte[], byte[]> records, int generation) {
        List<DecodedPoll.PartitionRecords> out = new ArrayList<>(records.partitions().size());
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            if (list.isEmpty()) {
                continue;
            }
            long[] offsets = new long[list.size()];
            List<Alert> alerts = new ArrayList<>();
            List<Poison> poison = new ArrayList<>(0);
            for (int i = 0; i < offsets.length; i++) {
                ConsumerRecord<byte[], byte[]> r = list.get(i);
                offsets[i] = r.offset();
                double plain = ReportWire.plainDegrees(r.value());
                if (!Double.isNaN(plain) && !rule.isAlert(plain)) {
                    continue; // a valid reading, not an alert: nothing more to read
                }
                try {
                    Report report = ReportCodec.decode(r.value(), r.topic(), r.partition(), r.offset());
                    if (rule.isAlert(report.getDegrees())) {
                        alerts.add(Alert.of(report, rule.threshold(), r.partition(), r.offset()));
                    }
                } catch (MalformedReportException e) {
                    poison.add(new Poison(r.partition(), r.offset(), e.reason()));
                } catch (IllegalArgumentException e) {
                    poison.add(new Poison(r.partition(), r.offset(), e.getMessage()));
                }
            }
            // The position after the poll (past markers) when the consumer says it, else past the last record.
            OffsetAndMetadata position = records.nextOffsets().get(tp);
            long next = Math.max(offsets[offsets.length - 1] + 1, position == null ? 0 : position.offset());
            out.add(new DecodedPoll.PartitionRecords(tp.partition(), offsets, next, alerts, poison));
        }
        return new DecodedPoll(generation, out);
    }
}
