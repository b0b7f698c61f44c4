package io.weatherpipeline.consumer.columns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.parquet.io.api.Binary;

/**
 * The station ids a writer has seen, each with a small number, found by their UTF-8 bytes without
 * making a String. A batch holds station numbers; the Parquet writer gets each station's bytes as one
 * shared {@link Binary}.
 *
 * <p>Ids enter only through {@link #intern(String)}, that is after {@link io.weatherpipeline.proto.ReportCodec}
 * accepted them, so every entry is valid, non-blank UTF-8.
 */
public final class StationDictionary {

    private byte[][] bytes = new byte[16][];
    private Binary[] binaries = new Binary[16];
    private String[] names = new String[16];
    private int size;
    /** Open addressing: 1 + station number, 0 for a free slot. Never more than half full. */
    private int[] slots = new int[64];

    public int size() {
        return size;
    }

    /** The number of the station whose UTF-8 id is {@code b[from, from + length)}, or -1 if it is new. */
    int find(byte[] b, int from, int length) {
        int mask = slots.length - 1;
        for (int i = hash(b, from, length) & mask;; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                return -1;
            }
            byte[] known = bytes[s - 1];
            if (Arrays.equals(known, 0, known.length, b, from, from + length)) {
                return s - 1;
            }
        }
    }

    /** The number of {@code stationId}, adding it if new. */
    public int intern(String stationId) {
        byte[] utf8 = stationId.getBytes(StandardCharsets.UTF_8);
        int known = find(utf8, 0, utf8.length);
        if (known >= 0) {
            return known;
        }
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, size * 2);
            binaries = Arrays.copyOf(binaries, size * 2);
            names = Arrays.copyOf(names, size * 2);
        }
        bytes[size] = utf8;
        binaries[size] = Binary.fromConstantByteArray(utf8);
        names[size] = stationId;
        size++;
        if (size * 2 > slots.length) {
            slots = new int[slots.length * 2];
            for (int n = 0; n < size; n++) {
                place(n);
            }
        } else {
            place(size - 1);
        }
        return size - 1;
    }

    Binary binary(int station) {
        return binaries[station];
    }

    String name(int station) {
        return names[station];
    }

    private void place(int station) {
        byte[] b = bytes[station];
        int mask = slots.length - 1;
        int i = hash(b, 0, b.length) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = station + 1;
    }

    private static int hash(byte[] b, int from, int length) {
        int h = length;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }
}
