package io.weatherpipeline.proto;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer reading protobuf bytes as a {@link Report}. Bad bytes raise a
 * {@link MalformedReportException}; the Kafka consumer then reports the partition and offset in a
 * {@code RecordDeserializationException} wrapping it.
 */
public class ReportDeserializer implements Deserializer<Report> {

    @Override
    public Report deserialize(String topic, byte[] data) {
        return ReportCodec.decode(data, topic, (int) MalformedReportException.UNKNOWN, MalformedReportException.UNKNOWN);
    }
}
