package io.weatherpipeline.common.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Headers every dead letter of the pipeline carries, whichever service routed it there. */
public final class DeadLetterHeaders {

    /** Why the record could not take its normal way, as UTF-8 text for a person to read. */
    public static final String REASON = "reason";

    private DeadLetterHeaders() {
    }

    /** Adds the {@link #REASON} header. */
    public static void addReason(Headers headers, String reason) {
        headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@link #REASON} of a dead letter, or null when it has none. */
    public static String reason(Headers headers) {
        Header h = headers.lastHeader(REASON);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
