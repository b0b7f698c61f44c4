package io.weatherpipeline.stats.model;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The statistics of one Kafka partition: the next offset to read and, per station, one
 * {@link MonthStats} per month and year, folded one reading at a time.
 *
 * <p>Dedup rule: a reading whose date is on or before the last date already counted for its station
 * is dropped, so a repeated or late reading never changes a number. The offset moves only through
 * {@link #advanceTo}, because a record that is skipped (a poison record, a duplicate) still moves it.
 *
 * <p>Not thread-safe: one writer thread per partition owns an instance. Other threads read the
 * partition's file ({@link StatsStore#readAll}) instead of the live object.
 */
public final class PartitionStats {

    /** File keys that therefore cannot be station names. */
    static final String PARTITION_KEY = "partition";
    static final String OFFSET_KEY = "offset";

    private final int partition;
    private long nextOffset;
    private final Map<String, Station> stations = new HashMap<>();

    /** A partition nothing has been read from: offset 0, no statistics. */
    public PartitionStats(int partition) {
        this(partition, 0);
    }

    /** A partition whose statistics are restored from its file, next offset {@code nextOffset}. */
    PartitionStats(int partition, long nextOffset) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition " + partition + " is negative");
        }
        if (nextOffset < 0) {
            throw new IllegalArgumentException("offset " + nextOffset + " is negative");
        }
        this.partition = partition;
        this.nextOffset = nextOffset;
    }

    public int partition() {
        return partition;
    }

    /** The offset of the first record not folded in yet. */
    public long nextOffset() {
        return nextOffset;
    }

    /**
     * Moves the next offset forward, after records up to {@code nextOffset - 1} were folded or skipped.
     *
     * @throws IllegalArgumentException when it would move backwards
     */
    public void advanceTo(long nextOffset) {
        if (nextOffset < this.nextOffset) {
            throw new IllegalArgumentException("partition " + partition + " cannot go back from offset "
                    + this.nextOffset + " to " + nextOffset);
        }
        this.nextOffset = nextOffset;
    }

    /**
     * Folds one reading in, unless the dedup rule drops it.
     *
     * @param date {@code yyyy-MM-dd}, as reports carry it
     * @return true when it counted, false when it was a duplicate
     * @throws IllegalArgumentException when the date, degrees or station cannot be stored (the record is poison)
     */
    public boolean apply(String station, String date, double degrees) {
        return apply(station, PackedDate.parse(date), degrees);
    }

    /** {@link #apply(String, String, double)} for a date already parsed. */
    public boolean apply(String station, LocalDate date, double degrees) {
        return apply(station, PackedDate.of(date), degrees);
    }

    private boolean apply(String stationId, int date, double degrees) {
        if (!Double.isFinite(degrees)) {
            throw new IllegalArgumentException("degrees is " + degrees + " for station " + stationId + " on "
                    + PackedDate.format(date));
        }
        Station station = stations.get(stationId);
        if (station == null) {
            station = new Station();
            stations.put(checkedStationId(stationId), station);
        }
        if (date <= station.lastDate) {
            return false;
        }
        // Counted dates only increase, so a reading falls in the latest entry or opens a new one:
        // one map write per station and month, none per reading.
        MonthStats current = station.current;
        int key = PackedDate.monthKey(date);
        if (current == null || station.currentKey != key) {
            current = new MonthStats(PackedDate.year(date), PackedDate.month(date));
            station.entries.put(key, current);
            station.current = current;
            station.currentKey = key;
        }
        current.add(date, degrees);
        station.lastDate = date;
        return true;
    }

    /** The stations with statistics, sorted. */
    public List<String> stations() {
        return new ArrayList<>(new TreeSet<>(stations.keySet()));
    }

    /** The last date counted for {@code station}, which any further reading must be after. */
    public Optional<LocalDate> lastDate(String station) {
        Station s = stations.get(station);
        return s == null ? Optional.empty() : Optional.of(PackedDate.toLocalDate(s.lastDate));
    }

    /** The entries of {@code station} in file order: by calendar month, then by year. */
    public List<MonthStats> months(String station) {
        Station s = stations.get(station);
        if (s == null) {
            return List.of();
        }
        List<MonthStats> list = new ArrayList<>(s.entries.values());
        list.sort(Comparator.comparing(MonthStats::month).thenComparingInt(MonthStats::year));
        return list;
    }

    /** The entry of {@code station} for {@code month} of {@code year}, if anything was counted then. */
    public Optional<MonthStats> month(String station, Month month, int year) {
        Station s = stations.get(station);
        return s == null ? Optional.empty() : Optional.ofNullable(s.entries.get(year * 12 + month.ordinal()));
    }

    /**
     * Puts back an entry read from the partition's file; the station's last date becomes the latest end.
     *
     * @throws IllegalArgumentException when the station already has an entry for that month and year
     */
    void restore(String stationId, MonthStats entry) {
        Station station = stations.computeIfAbsent(checkedStationId(stationId), id -> new Station());
        int key = PackedDate.monthKey(entry.packedEnd());
        if (station.entries.putIfAbsent(key, entry) != null) {
            throw new IllegalArgumentException(stationId + " has " + entry.month() + " " + entry.year() + " twice");
        }
        if (entry.packedEnd() > station.lastDate) {
            station.lastDate = entry.packedEnd();
            station.current = entry;
            station.currentKey = key;
        }
    }

    private static String checkedStationId(String id) {
        if (id == null || id.isEmpty() || id.equals(PARTITION_KEY) || id.equals(OFFSET_KEY)) {
            throw new IllegalArgumentException("'" + id + "' cannot be a station id in a statistics file");
        }
        return id;
    }

    /** One station's entries, keyed by {@link PackedDate#monthKey}, and the entry its last date is in. */
    private static final class Station {
        final Map<Integer, MonthStats> entries = new TreeMap<>();
        int lastDate = Integer.MIN_VALUE;
        MonthStats current;
        int currentKey;
    }
}
