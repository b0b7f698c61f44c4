package io.weatherpipeline.windows.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.weatherpipeline.proto.MalformedReportException;
import io.weatherpipeline.proto.ReportCodec;

/**
 * The values of topic temperatures: protobuf {@code Report}s, decoded strictly by {@link ReportCodec}.
 * Deserializing never throws: a value that is not a Report becomes an invalid {@link DecodedReport},
 * which {@link ReadingDecoder} skips with its partition and offset, so a poison value neither stops
 * the stream nor vanishes unseen.
 */
public final class ReportSerde implements Serde<DecodedReport> {

    @Override
    public Serializer<DecodedReport> serializer() {
        return (topic, value) -> {
            if (!value.isValid()) {
                throw new IllegalArgumentException("cannot encode an invalid Report (" + value.problem() + ")");
            }
            return ReportCodec.encode(value.report());
        };
    }

    @Override
    public Deserializer<DecodedReport> deserializer() {
        return (topic, bytes) -> {
            try {
                return DecodedReport.valid(ReportCodec.decode(bytes, topic, (int) MalformedReportException.UNKNOWN,
                        MalformedReportException.UNKNOWN));
            } catch (MalformedReportException e) {
                return DecodedReport.invalid(e.reason());
            } catch (IllegalArgumentException e) {
                return DecodedReport.invalid(e.getMessage());
            }
        };
    }
}
