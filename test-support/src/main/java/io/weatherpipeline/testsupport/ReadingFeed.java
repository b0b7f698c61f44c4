package io.weatherpipeline.testsupport;

import java.time.LocalDate;
import java.util.ArrayList;
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

/**
 * Sends station readings the way producer-service does (Kafka transactions, key = station id, value a
 * protobuf {@code Report}, Kafka's default partitioner) and returns what each committed transaction
 * held, with every record's partition and offset, so that a test computes what a sink must contain
 * from what was sent, independently of the service under test. Each station moves on one day per
 * reading; on request a day is now and then followed by duplicates, as the original statistics
 * system's generator sent them. Thread-safe (one transaction at a time).
 */
public final class ReadingFeed implements AutoCloseable {

    /** The degrees of a station on a day. */
    @FunctionalInterface
    public interface Weather {
        double degrees(String station, LocalDate day);
    }

    /**
     * One committed record.
     *
     * @param duplicate a day of the station sent before (the same day again, or an earlier one), with an absurd value
     */
    public record Sent(String station, LocalDate date, double degrees, boolean duplicate, int partition, long offset) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final List<String> stations;
    private final Weather weather;
    private final Map<String, LocalDate> nextDay = new TreeMap<>();

    /** A feed with {@link #seasonal} weather. */
    public ReadingFeed(String bootstrap, String topic, String transactionalId, List<String> stations, LocalDate start) {
        this(bootstrap, topic, transactionalId, stations, start, ReadingFeed::seasonal);
    }

    public ReadingFeed(String bootstrap, String topic, String transactionalId, List<String> stations, LocalDate start,
            Weather weather) {
        this.topic = topic;
        this.stations = List.copyOf(stations);
        this.weather = weather;
        stations.forEach(s -> nextDay.put(s, start));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /** StationA, StationB, … ({@code n} of them). */
    public static List<String> stations(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("Station" + (char) ('A' + i));
        }
        return out;
    }

    /** A seasonal cycle (about 3 °C in winter to 27 °C in summer), a per-station offset and day-to-day noise, to 4 decimals. */
    public static double seasonal(String station, LocalDate day) {
        double seasonal = 15 - 12 * Math.cos(2 * Math.PI * day.getDayOfYear() / 365.25);
        return Math.round((seasonal + station.hashCode() % 7 + (day.toEpochDay() * 7919 % 1000) / 250.0) * 1e4) / 1e4;
    }

    /**
     * One committed transaction: the next {@code days} days of every station, each day whose
     * day-of-month is 3, 10, 17, 24 or 31 followed (when {@code withDuplicates}) by the same day
     * again with 999.0 and the day before yesterday with -999.0.
     *
     * @return the records of the transaction, in the order sent
     */
    public synchronized List<Sent> commitDays(int days, boolean withDuplicates) throws Exception {
        List<Sent> unacked = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        producer.beginTransaction();
        for (int d = 0; d < days; d++) {
            for (String station : stations) {
                LocalDate day = nextDay.get(station);
                double degrees = weather.degrees(station, day);
                acks.add(send(station, day, degrees));
                unacked.add(new Sent(station, day, degrees, false, -1, -1));
                if (withDuplicates && day.getDayOfMonth() % 7 == 3) {
                    acks.add(send(station, day, 999.0));
                    unacked.add(new Sent(station, day, 999.0, true, -1, -1));
                    acks.add(send(station, day.minusDays(2), -999.0));
                    unacked.add(new Sent(station, day.minusDays(2), -999.0, true, -1, -1));
                }
                nextDay.put(station, day.plusDays(1));
            }
        }
        producer.commitTransaction();
        List<Sent> sent = new ArrayList<>(unacked.size());
        for (int i = 0; i < acks.size(); i++) {
            RecordMetadata m = acks.get(i).get(30, TimeUnit.SECONDS);
            Sent s = unacked.get(i);
            sent.add(new Sent(s.station(), s.date(), s.degrees(), s.duplicate(), m.partition(), m.offset()));
        }
        return sent;
    }

    /** One aborted transaction of {@code days} days at 555.0: a read_committed reader never sees them (the days are not used up). */
    public synchronized void abortDays(int days) throws Exception {
        producer.beginTransaction();
        for (int d = 0; d < days; d++) {
            for (String station : stations) {
                send(station, nextDay.get(station).plusDays(d), 555.0);
            }
        }
        producer.flush();
        producer.abortTransaction();
    }

    /**
     * A committed value that is not a Report, under a station's key (so in that station's partition).
     *
     * @return its partition and offset (station, date and degrees are null and NaN)
     */
    public synchronized Sent poison(String station) throws Exception {
        producer.beginTransaction();
        Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, station, new byte[] {(byte) 0xff, 1, 2, 3}));
        producer.commitTransaction();
        RecordMetadata m = ack.get(30, TimeUnit.SECONDS);
        return new Sent(station, null, Double.NaN, false, m.partition(), m.offset());
    }

    private Future<RecordMetadata> send(String station, LocalDate day, double degrees) {
        Report r = Report.newBuilder().setStationId(station).setDate(day.toString()).setDegrees(degrees).build();
        return producer.send(new ProducerRecord<>(topic, station, ReportCodec.encode(r)));
    }

    @Override
    public void close() {
        producer.close();
    }
}
