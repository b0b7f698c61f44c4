package io.weatherpipeline.windows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Sends readings the way producer-service does (transactions, key = station, Kafka's default
 * partitioner) with <b>explicit timestamps</b> on a simulated clock, so windows close deterministically,
 * and keeps, without any of the service's code, what the answers must be: counts per station,
 * partition, year, month and in all, and per window the count, min and max per station and the count
 * per partition. Late readings (timestamped long before) and poison values go to the topic too.
 */
final class WindowFeed implements AutoCloseable {

    /** One station's readings in one window. */
    record Cell(long count, double min, double max, LocalDate first, LocalDate last) {
        Cell plus(double degrees, LocalDate day) {
            return new Cell(count + 1, Math.min(min, degrees), Math.max(max, degrees),
                    first.isBefore(day) ? first : day, last.isAfter(day) ? last : day);
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final long windowMs;
    private final long graceMs;
    private final List<String> stations;
    private final Map<String, LocalDate> nextDay = new LinkedHashMap<>();
    private final Map<String, Integer> partitionOf = new TreeMap<>();
    private final Map<String, Long> byStation = new TreeMap<>();
    private final Map<Integer, Long> byPartition = new TreeMap<>();
    private final Map<Integer, Long> byYear = new TreeMap<>();
    private final Map<Integer, Long> byMonth = new TreeMap<>();
    private final Map<Long, Map<String, Cell>> windows = new TreeMap<>();
    private final Map<Long, Map<Integer, Long>> windowPartitions = new TreeMap<>();
    private long clock;
    private long maxTimestamp = Long.MIN_VALUE;
    private long total;
    private long late;
    private long poison;

    WindowFeed(String bootstrap, String topic, String transactionalId, long startMs, long windowMs, long graceMs,
            List<String> stations) {
        this.topic = topic;
        this.windowMs = windowMs;
        this.graceMs = graceMs;
        this.clock = startMs;
        this.stations = List.copyOf(stations);
        stations.forEach(s -> nextDay.put(s, LocalDate.of(2000, 1, 1)));
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

    private record Sent(String station, LocalDate day, double degrees, long ts, boolean windowed, Future<RecordMetadata> ack) {
    }

    /**
     * One committed transaction: {@code ticks} steps of the clock ({@code stepMs} each), one reading per
     * station per step; and, when asked, a late reading (timestamped an hour before the clock) and a
     * poison value.
     */
    synchronized void commit(int ticks, long stepMs, boolean withLate, boolean withPoison) throws Exception {
        List<Sent> sent = new ArrayList<>();
        producer.beginTransaction();
        for (int t = 0; t < ticks; t++) {
            for (String station : stations) {
                LocalDate day = nextDay.get(station);
                nextDay.put(station, day.plusDays(1));
                sent.add(send(station, day, degrees(station, day), clock, true));
            }
            clock += stepMs;
        }
        if (withLate) {
            String station = stations.get(0);
            LocalDate day = nextDay.get(station);
            nextDay.put(station, day.plusDays(1));
            sent.add(send(station, day, -40.5, clock - 3_600_000, false));
        }
        if (withPoison) {
            producer.send(new ProducerRecord<>(topic, stations.get(1), new byte[] {(byte) 0xff, 1, 2, 3}));
        }
        producer.commitTransaction();
        for (Sent s : sent) {
            expect(s, s.ack().get(30, TimeUnit.SECONDS).partition());
        }
        late += withLate ? 1 : 0;
        poison += withPoison ? 1 : 0;
    }

    /**
     * Closes every window the feed has written into: one reading per partition at the last window's end +
     * grace + 1 (each partition's stream time must pass it). These readings open one more window.
     *
     * @return the id of the last window that closes
     */
    synchronized long closeWindows() throws Exception {
        long lastId = Math.floorDiv(maxTimestamp, windowMs);
        long ts = (lastId + 1) * windowMs + graceMs + 1;
        Map<Integer, String> onePerPartition = new TreeMap<>();
        partitionOf.forEach((station, p) -> onePerPartition.putIfAbsent(p, station));
        List<Sent> sent = new ArrayList<>();
        producer.beginTransaction();
        for (String station : onePerPartition.values()) {
            LocalDate day = nextDay.get(station);
            nextDay.put(station, day.plusDays(1));
            sent.add(send(station, day, 0.5, ts, true));
        }
        producer.commitTransaction();
        for (Sent s : sent) {
            expect(s, s.ack().get(30, TimeUnit.SECONDS).partition());
        }
        return lastId;
    }

    private Sent send(String station, LocalDate day, double degrees, long ts, boolean windowed) {
        Report r = Report.newBuilder().setStationId(station).setDate(day.toString()).setDegrees(degrees).build();
        return new Sent(station, day, degrees, ts, windowed,
                producer.send(new ProducerRecord<>(topic, null, ts, station, ReportCodec.encode(r))));
    }

    private void expect(Sent s, int partition) {
        partitionOf.put(s.station(), partition);
        total++;
        byStation.merge(s.station(), 1L, Long::sum);
        byPartition.merge(partition, 1L, Long::sum);
        byYear.merge(s.day().getYear(), 1L, Long::sum);
        byMonth.merge(s.day().getMonthValue(), 1L, Long::sum);
        if (s.windowed()) {
            long id = Math.floorDiv(s.ts(), windowMs);
            windows.computeIfAbsent(id, k -> new TreeMap<>()).merge(s.station(),
                    new Cell(1, s.degrees(), s.degrees(), s.day(), s.day()), (a, b) -> a.plus(s.degrees(), s.day()));
            windowPartitions.computeIfAbsent(id, k -> new TreeMap<>()).merge(partition, 1L, Long::sum);
            maxTimestamp = Math.max(maxTimestamp, s.ts());
        }
    }

    private static double degrees(String station, LocalDate day) {
        double seasonal = 15 - 12 * Math.cos(2 * Math.PI * day.getDayOfYear() / 365.25);
        return Math.round((seasonal + station.hashCode() % 7 + (day.toEpochDay() * 7919 % 1000) / 250.0) * 1e4) / 1e4;
    }

    synchronized long total() {
        return total;
    }

    synchronized long late() {
        return late;
    }

    synchronized long poison() {
        return poison;
    }

    synchronized Map<String, Long> byStation() {
        return new TreeMap<>(byStation);
    }

    synchronized Map<Integer, Long> byPartition() {
        return new TreeMap<>(byPartition);
    }

    synchronized Map<Integer, Long> byYear() {
        return new TreeMap<>(byYear);
    }

    synchronized Map<Integer, Long> byMonth() {
        return new TreeMap<>(byMonth);
    }

    /** Expected windows: id → station → cell. */
    synchronized Map<Long, Map<String, Cell>> windows() {
        return new TreeMap<>(windows);
    }

    /** Expected windows: id → partition → count (partitions without readings absent). */
    synchronized Map<Long, Map<Integer, Long>> windowPartitions() {
        return new TreeMap<>(windowPartitions);
    }

    synchronized Map<String, Integer> partitionOf() {
        return new TreeMap<>(partitionOf);
    }

    @Override
    public void close() {
        producer.close();
    }
}
