package io.weatherpipeline.consumer.columns;

import java.util.Arrays;

import org.apache.parquet.io.api.Binary;

/**
 * The rows of the batch being buffered, column by column in primitive arrays (station number, epoch
 * day, degrees) with the Kafka offset of each row: no object per record while tens of thousands wait
 * for their file.
 */
public final class ReadingColumns {

    private final StationDictionary stations;
    private int[] station = new int[1024];
    private int[] epochDay = new int[1024];
    private double[] degrees = new double[1024];
    private long[] offset = new long[1024];
    private int size;

    public ReadingColumns() {
        this(new StationDictionary());
    }

    /** Columns numbering stations in {@code stations} (which other buffers of the same writer may share). */
    public ReadingColumns(StationDictionary stations) {
        this.stations = stations;
    }

    public StationDictionary stations() {
        return stations;
    }

    public int size() {
        return size;
    }

    public void add(int stationNumber, int day, double value, long recordOffset) {
        if (size == station.length) {
            int grown = size * 2;
            station = Arrays.copyOf(station, grown);
            epochDay = Arrays.copyOf(epochDay, grown);
            degrees = Arrays.copyOf(degrees, grown);
            offset = Arrays.copyOf(offset, grown);
        }
        station[size] = stationNumber;
        epochDay[size] = day;
        degrees[size] = value;
        offset[size] = recordOffset;
        size++;
    }

    public long offset(int row) {
        return offset[row];
    }

    /** Row {@code row} as a value (the tests compare rows with it). */
    public Reading reading(int row) {
        return new Reading(stations.name(station[row]), epochDay[row], degrees[row]);
    }

    /** Empties the buffer (the station dictionary stays). */
    public void clear() {
        size = 0;
    }

    /** Appends every row of {@code later}, whose rows all come after these. */
    public void appendAll(ReadingColumns later) {
        for (int i = 0; i < later.size; i++) {
            int s = later.stations == stations ? later.station[i] : stations.intern(later.stations.name(later.station[i]));
            add(s, later.epochDay[i], later.degrees[i], later.offset[i]);
        }
    }

    /** Forgets the rows whose offset is below {@code from} (rows are held in offset order). */
    public void dropBelow(long from) {
        int keepFrom = 0;
        while (keepFrom < size && offset[keepFrom] < from) {
            keepFrom++;
        }
        if (keepFrom == 0) {
            return;
        }
        int kept = size - keepFrom;
        System.arraycopy(station, keepFrom, station, 0, kept);
        System.arraycopy(epochDay, keepFrom, epochDay, 0, kept);
        System.arraycopy(degrees, keepFrom, degrees, 0, kept);
        System.arraycopy(offset, keepFrom, offset, 0, kept);
        size = kept;
    }

    /** A movable view of one row, handed to the Parquet writer (which copies what it needs). */
    public Row row() {
        return new Row();
    }

    public final class Row {
        private int index;

        public Row at(int row) {
            this.index = row;
            return this;
        }

        public Binary station() {
            return stations.binary(station[index]);
        }

        public int epochDay() {
            return epochDay[index];
        }

        public double degrees() {
            return degrees[index];
        }
    }
}
