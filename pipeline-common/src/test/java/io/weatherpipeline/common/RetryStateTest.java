package io.weatherpipeline.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

class RetryStateTest {

    private static final long SECOND = 1_000_000_000L;

    /** Keeps the lines at INFO and above, formatted, as "LEVEL text". */
    static final class RecordingLogger extends Logger {
        final List<String> lines = new ArrayList<>();

        RecordingLogger() {
            super("test");
        }

        @Override
        protected void doLog(Level level, String loggerClassName, Object message, Object[] parameters,
                Throwable thrown) {
            if (level.ordinal() <= Level.INFO.ordinal()) {
                lines.add(level + " " + message);
            }
        }

        @Override
        protected void doLogf(Level level, String loggerClassName, String format, Object[] parameters,
                Throwable thrown) {
            if (level.ordinal() <= Level.INFO.ordinal()) {
                lines.add(level + " " + String.format(format, parameters));
            }
        }

        @Override
        public boolean isEnabled(Level level) {
            return true;
        }
    }

    private final RecordingLogger log = new RecordingLogger();
    private final RetryState retry = new RetryState(log, Duration.ofMillis(500), Duration.ofSeconds(2),
            "nothing is lost");

    @Test
    void nothingToSayWhileTriesSucceed() {
        assertTrue(retry.mayTry(0));
        assertFalse(retry.succeeded(0, () -> "unused"));
        assertNull(retry.waitingFor());
        assertEquals(List.of(), log.lines);
    }

    @Test
    void aRunOfFailuresOfOneServerIsLoggedOnceAndItsEndOnce() {
        ConnectException refused = new ConnectException("Connection refused");
        assertEquals(Duration.ofMillis(500), retry.failed(0, "MySQL at db:3306 to insert rows", refused));
        assertFalse(retry.mayTry(SECOND / 2 - 1));
        assertTrue(retry.mayTry(SECOND / 2));
        assertEquals(Duration.ofSeconds(1), retry.failed(SECOND, "MySQL at db:3306 to insert rows", refused));
        assertEquals(Duration.ofSeconds(2), retry.failed(3 * SECOND, "MySQL at db:3306 to insert rows",
                new IOException("Connection reset")));
        assertEquals("MySQL at db:3306 to insert rows: Connection reset", retry.waitingFor());
        assertEquals(List.of("WARN Waiting for MySQL at db:3306 to insert rows: Connection refused"
                + " (next try in 500 ms; nothing is lost)"), log.lines);

        AtomicInteger asked = new AtomicInteger();
        assertTrue(retry.succeeded(5 * SECOND, () -> "inserting from " + asked.incrementAndGet()));
        assertNull(retry.waitingFor());
        assertTrue(retry.mayTry(5 * SECOND));
        assertEquals("INFO No longer waiting for MySQL at db:3306 to insert rows (3 failed tries in 5 s):"
                + " inserting from 1", log.lines.get(1));

        assertFalse(retry.succeeded(6 * SECOND, () -> "inserting from " + asked.incrementAndGet()));
        assertEquals(1, asked.get(), "asked what it resumes only when a wait ended");
        assertEquals(2, log.lines.size());
    }

    @Test
    void aChangeOfWhatItWaitsForIsNewsAndThePauseKeepsGrowing() {
        retry.failed(0, "Kafka at k:9092 to create topic t", new RuntimeException("timed out"));
        assertEquals(Duration.ofSeconds(1), retry.failed(SECOND, "MySQL at db:3306 to read rows",
                new RuntimeException("refused")));
        retry.failed(2 * SECOND, "MySQL at db:3306 to read rows", new RuntimeException("refused"));
        assertEquals(List.of(
                "WARN Waiting for Kafka at k:9092 to create topic t: timed out (next try in 500 ms; nothing is lost)",
                "WARN Waiting for MySQL at db:3306 to read rows: refused (next try in 1000 ms; nothing is lost)"),
                log.lines);
        retry.succeeded(4 * SECOND, () -> "reading");
        assertEquals("INFO No longer waiting for MySQL at db:3306 to read rows (3 failed tries in 4 s): reading",
                log.lines.get(2));
    }

    @Test
    void aNewWaitStartsItsCountAndClockAfresh() {
        String hdfs = "HDFS at hdfs://nn:9000 to write partition 0";
        retry.failed(0, hdfs, new IOException("down"));
        retry.succeeded(SECOND, () -> "writing");
        assertEquals(Duration.ofMillis(500), retry.failed(10 * SECOND, hdfs, new IOException("down again")));
        retry.succeeded(12 * SECOND, () -> "writing");
        assertEquals(List.of(
                "WARN Waiting for " + hdfs + ": down (next try in 500 ms; nothing is lost)",
                "INFO No longer waiting for " + hdfs + " (1 failed try in 1 s): writing",
                "WARN Waiting for " + hdfs + ": down again (next try in 500 ms; nothing is lost)",
                "INFO No longer waiting for " + hdfs + " (1 failed try in 2 s): writing"),
                log.lines);
    }

    @Test
    void aCauseWithoutMessageIsNamedByItsClass() {
        retry.failed(0, "Kafka at k:9092 to commit rows 1..5", new NullPointerException());
        assertEquals("Kafka at k:9092 to commit rows 1..5: java.lang.NullPointerException", retry.waitingFor());
    }
}
