package io.weatherpipeline.proto;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A Kafka value that is not a valid {@link Report}. Carries where the bytes came from so that the
 * message can be found again (or routed to a dead-letter topic) instead of being silently replaced
 * by a default object.
 */
public class MalformedReportException extends SerializationException {

    /** Marker for a partition or offset that the caller did not know. */
    public static final long UNKNOWN = -1;

    private final String topic;
    private final int partition;
    private final long offset;
    private final String reason;

    public MalformedReportException(String topic, int partition, long offset, String reason, Throwable cause) {
        super(describe(topic, partition, offset, reason), cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.reason = reason;
    }

    /** The same error, now knowing the partition and offset of the record it came from. */
    public MalformedReportException at(int partition, long offset) {
        return new MalformedReportException(topic, partition, offset, reason, getCause());
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** Why the bytes were rejected, without the location. */
    public String reason() {
        return reason;
    }

    private static String describe(String topic, int partition, long offset, String reason) {
        StringBuilder where = new StringBuilder("Malformed Report in topic '").append(topic).append('\'');
        if (partition != UNKNOWN) {
            where.append(", partition ").append(partition);
        }
        if (offset != UNKNOWN) {
            where.append(", offset ").append(offset);
        }
        return where.append(": ").append(reason).toString();
    }
}
