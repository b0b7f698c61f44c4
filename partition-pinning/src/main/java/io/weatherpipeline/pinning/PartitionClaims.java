package io.weatherpipeline.pinning;

import java.util.Set;
import java.util.TreeSet;

/**
 * Parses the partitions an instance owns: {@code 0}, {@code 0,2} or {@code 0 1 2 3} (the last is how the
 * original course design's consumer took them on its command line).
 */
public final class PartitionClaims {

    private PartitionClaims() {
    }

    /**
     * @param key the configuration key the text comes from, named in errors (e.g. {@code stats.partitions})
     * @throws IllegalArgumentException naming the key and the bad entry, for an empty list, a non-number,
     *     a negative number or a repeated partition
     */
    public static Set<Integer> parse(String key, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(key + " is empty: name the partition(s) this instance owns, e.g. 0 or 0,2");
        }
        Set<Integer> out = new TreeSet<>();
        for (String part : text.trim().split("[,\\s]+")) {
            int p;
            try {
                p = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " '" + text + "': '" + part
                        + "' is not a partition number");
            }
            if (p < 0) {
                throw new IllegalArgumentException(key + " '" + text + "': " + p + " is negative");
            }
            if (!out.add(p)) {
                throw new IllegalArgumentException(key + " '" + text + "': " + p + " is named twice");
            }
        }
        return Set.copyOf(out);
    }

    /** The canonical text form: sorted, comma-separated. */
    public static String format(Set<Integer> partitions) {
        return String.join(",", new TreeSet<>(partitions).stream().map(String::valueOf).toList());
    }
}
