package io.weatherpipeline.proto;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer writing a {@link Report} as protobuf bytes. */
public class ReportSerializer implements Serializer<Report> {

    @Override
    public byte[] serialize(String topic, Report report) {
        return report == null ? null : ReportCodec.encode(report);
    }
}
