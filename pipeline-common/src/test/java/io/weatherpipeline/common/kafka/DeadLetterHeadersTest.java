package io.weatherpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    @Test
    void theReasonTravelsAsUtf8Text() {
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.addReason(headers, "degrees 1000.0 is outside [-100.0, 100.0] (°C)");
        assertArrayEquals("degrees 1000.0 is outside [-100.0, 100.0] (°C)".getBytes(StandardCharsets.UTF_8),
                headers.lastHeader("reason").value());
        assertEquals("degrees 1000.0 is outside [-100.0, 100.0] (°C)", DeadLetterHeaders.reason(headers));
    }

    @Test
    void noReasonIsNull() {
        assertNull(DeadLetterHeaders.reason(new RecordHeaders()));
    }
}
