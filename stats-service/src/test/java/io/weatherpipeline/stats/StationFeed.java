package io.weatherpipeline.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;
import io.weatherpipeline.stats.model.MonthStats;
import io.weatherpipeline.stats.model.PartitionStats;

/**
 * Sends station readings the way producer-service does (transactions, key = station, Kafka's default
 * partitioner) and keeps, independently of the service's code, what the statistics must be: per
 * station, month and year the count, sum and first and last day of the unique readings. Duplicates
 * (an earlier day again, with an absurd value, as the original statistics system's generator sent
 * them) and poison values go to the topic but never into the expectation.
 */
final class StationFeed implements AutoCloseable {

    /** The expectation for one station, month and year. */
    record Expected(long count, double sum, LocalDate start, LocalDate end) {
        Expected plus(LocalDate day, double degrees) {
            return new Expected(count + 1, sum + degrees, start == null ? day : start, day);
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final List<String> stations;
    private final Map<String, LocalDate> nextDay = new TreeMap<>();
    private final Map<String, Expected> expected = new TreeMap<>();
    private long unique;

    StationFeed(String bootstrap, String topic, String transactionalId, List<String> stations, LocalDate start) {
        this.topic = topic;
        this.stations = List.copyOf(stations);
        stations.forEach(s -> nextDay.put(s, start));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    static List<String> stations(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("Station" + (char) ('A' + i));
        }
        return out;
    }

    /** One committed transaction: the next {@code days} days of every station, each followed now and then by a duplicate. */
    synchronized void commitDays(int days, boolean withDuplicates) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        producer.beginTransaction();
        for (int d = 0; d < days; d++) {
            for (String station : stations) {
                LocalDate day = nextDay.get(station);
                double degrees = degrees(station, day);
                acks.add(send(station, day, degrees));
                expected.merge(key(station, day), new Expected(1, degrees, day, day),
                        (a, b) -> a.plus(day, degrees));
                unique++;
                if (withDuplicates && day.getDayOfMonth() % 7 == 3) {
                    acks.add(send(station, day, 999.0));                   // the same day again
                    acks.add(send(station, day.minusDays(2), -999.0));     // an earlier day
                }
                nextDay.put(station, day.plusDays(1));
            }
        }
        producer.commitTransaction();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    /** One aborted transaction: readings a read_committed reader never sees (the days are not used up). */
    synchronized void abortDays(int days) throws Exception {
        producer.beginTransaction();
        for (int d = 0; d < days; d++) {
            for (String station : stations) {
                send(station, nextDay.get(station).plusDays(d), 555.0);
            }
        }
        producer.flush();
        producer.abortTransaction();
    }

    /** A committed value that is not a Report, under a station's key (so in that station's partition). */
    synchronized void poison(String station) throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, station, new byte[] {(byte) 0xff, 1, 2, 3}));
        producer.commitTransaction();
    }

    synchronized long unique() {
        return unique;
    }

    synchronized Map<String, Expected> expected() {
        return new TreeMap<>(expected);
    }

    private Future<RecordMetadata> send(String station, LocalDate day, double degrees) {
        Report r = Report.newBuilder().setStationId(station).setDate(day.toString()).setDegrees(degrees).build();
        return producer.send(new ProducerRecord<>(topic, station, ReportCodec.encode(r)));
    }

    private static double degrees(String station, LocalDate day) {
        double seasonal = 15 - 12 * Math.cos(2 * Math.PI * day.getDayOfYear() / 365.25);
        return Math.round((seasonal + station.hashCode() % 7 + (day.toEpochDay() * 7919 % 1000) / 250.0) * 1e4) / 1e4;
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
        producer.close();
    }
}
