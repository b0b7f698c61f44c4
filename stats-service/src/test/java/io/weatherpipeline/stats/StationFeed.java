package io.weatherpipeline.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.weatherpipeline.stats.model.MonthStats;
import io.weatherpipeline.stats.model.PartitionStats;
import io.weatherpipeline.testsupport.ReadingFeed;

/**
 * Keeps, independently of the service's code, what the statistics must be for the readings a
 * {@link ReadingFeed} sends (transactions, key = station, Kafka's default partitioner): per station,
 * month and year the count, sum and first and last day of the unique readings. Duplicates (an earlier
 * day again, with an absurd value, as the original statistics system's generator sent them) and
 * poison values go to the topic but never into the expectation.
 */
final class StationFeed implements AutoCloseable {

    /** The expectation for one station, month and year. */
    record Expected(long count, double sum, LocalDate start, LocalDate end) {
        Expected plus(LocalDate day, double degrees) {
            return new Expected(count + 1, sum + degrees, start == null ? day : start, day);
        }
    }

    private final ReadingFeed feed;
    private final Map<String, Expected> expected = new TreeMap<>();
    private long unique;

    StationFeed(String bootstrap, String topic, String transactionalId, List<String> stations, LocalDate start) {
        this.feed = new ReadingFeed(bootstrap, topic, transactionalId, stations, start);
    }

    static List<String> stations(int n) {
        return ReadingFeed.stations(n);
    }

    /** One committed transaction: the next {@code days} days of every station, each followed now and then by a duplicate. */
    synchronized void commitDays(int days, boolean withDuplicates) throws Exception {
        for (ReadingFeed.Sent s : feed.commitDays(days, withDuplicates)) {
            if (!s.duplicate()) {
                expected.merge(key(s.station(), s.date()), new Expected(1, s.degrees(), s.date(), s.date()),
                        (a, b) -> a.plus(s.date(), s.degrees()));
                unique++;
            }
        }
    }

    /** One aborted transaction: readings a read_committed reader never sees (the days are not used up). */
    synchronized void abortDays(int days) throws Exception {
        feed.abortDays(days);
    }

    /** A committed value that is not a Report, under a station's key (so in that station's partition). */
    synchronized void poison(String station) throws Exception {
        feed.poison(station);
    }

    synchronized long unique() {
        return unique;
    }

    synchronized Map<String, Expected> expected() {
        return new TreeMap<>(expected);
    }

    static String key(String station, LocalDate day) {
        return key(station, day.getYear(), day.getMonth());
    }

    static String key(String station, int year, Month month) {
        return station + " " + year + " " + month;
    }

    /** Total readings counted in {@code files}. */
    static long counted(Collection<PartitionStats> files) {
        long n = 0;
        for (PartitionStats p : files) {
            for (String s : p.stations()) {
                for (MonthStats m : p.months(s)) {
                    n += m.count();
                }
            }
        }
        return n;
    }

    /**
     * Every entry of {@code files} holds {@code count == days(end − start) + 1}, and the entries equal
     * {@code expected}: same keys, same counts, dates, and sums to 1e-6 relative.
     */
    static void assertExactlyOnce(Map<String, Expected> expected, Collection<PartitionStats> files, String context) {
        Map<String, MonthStats> actual = new TreeMap<>();
        for (PartitionStats p : files) {
            for (String s : p.stations()) {
                for (MonthStats m : p.months(s)) {
                    assertTrue(actual.put(key(s, m.year(), m.month()), m) == null,
                            context + ": " + key(s, m.year(), m.month()) + " is in two partition files");
                    assertEquals(ChronoUnit.DAYS.between(m.start(), m.end()) + 1, m.count(),
                            context + ": " + s + " " + m + " does not hold count == days(end - start) + 1");
                }
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), context + ": (station, year, month) entries");
        expected.forEach((k, e) -> {
            MonthStats m = actual.get(k);
            assertEquals(e.count(), m.count(), context + ": count of " + k);
            assertEquals(e.start(), m.start(), context + ": start of " + k);
            assertEquals(e.end(), m.end(), context + ": end of " + k);
            assertEquals(e.sum(), m.sum(), Math.abs(e.sum()) * 1e-6 + 1e-9, context + ": sum of " + k);
        });
    }

    @Override
    public void close() {
        feed.close();
    }
}
