package io.weatherpipeline.windows.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;

/**
 * Turns decoded values into {@link Reading}s and skips the ones that are not Reports, reporting their
 * partition and offset ({@link TopologyEvents#poison}). The key stays the station, so nothing is
 * repartitioned.
 */
final class ReadingDecoder implements FixedKeyProcessor<String, DecodedReport, Reading> {

    private final TopologyEvents events;
    private FixedKeyProcessorContext<String, Reading> context;

    ReadingDecoder(TopologyEvents events) {
        this.events = events;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Reading> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, DecodedReport> record) {
        DecodedReport value = record.value();
        if (value == null || !value.isValid()) {
            RecordMetadata at = context.recordMetadata().orElse(null);
            events.poison(at == null ? "?" : at.topic(), at == null ? -1 : at.partition(), at == null ? -1 : at.offset(),
                    value == null ? "value is null (a tombstone, not a Report)" : value.problem());
            return;
        }
        Report r = value.report();
        context.forward(record.withValue(Reading.of(r.getStationId(), ReportCodec.epochDay(r.getDate()), r.getDegrees())));
    }
}
