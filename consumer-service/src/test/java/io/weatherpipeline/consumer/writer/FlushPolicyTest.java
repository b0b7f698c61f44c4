package io.weatherpipeline.consumer.writer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** When buffered records become a batch file. */
class FlushPolicyTest {

    @Test
    void flushPolicyBySizeAgeOrPoll() {
        FlushPolicy sized = new FlushPolicy(false, 100, Duration.ofSeconds(10));
        assertTrue(sized.isFull(100));
        assertTrue(!sized.isFull(99));
        assertTrue(!sized.flushAtEndOfPoll(50));
        assertTrue(!sized.isDue(0, Duration.ofHours(1)), "an empty buffer is never due");
        assertTrue(!sized.isDue(5, Duration.ofSeconds(9)));
        assertTrue(sized.isDue(5, Duration.ofSeconds(10)));
        assertTrue(sized.isDue(100, Duration.ZERO));

        FlushPolicy perPoll = new FlushPolicy(true, 100, Duration.ofSeconds(10));
        assertTrue(perPoll.flushAtEndOfPoll(1));
        assertTrue(!perPoll.flushAtEndOfPoll(0));

        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FlushPolicy(false, 0, Duration.ofSeconds(1)))
                .getMessage().contains("consumer.flush.max-records"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FlushPolicy(false, 1, Duration.ZERO))
                .getMessage().contains("consumer.flush.max-age"));
    }
}
