package io.weatherpipeline.producer;

import java.nio.charset.StandardCharsets;

/** Kafka record headers the producer writes (a dead letter's reason: {@code DeadLetterHeaders}). */
public final class Headers {

    /** The source row's id in table {@code temperatures}, as decimal text. */
    public static final String ROW_ID = "row_id";

    private Headers() {
    }

    public static byte[] rowId(long id) {
        return Long.toString(id).getBytes(StandardCharsets.UTF_8);
    }

    /** The row id in a header value, or -1 when it is not a number. */
    public static long parseRowId(byte[] value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(new String(value, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
