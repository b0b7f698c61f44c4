package io.weatherpipeline.pinning;

/**
 * Why a member of the group does not get a partition it claims. Travels from the group leader to the
 * member in the assignment's user data ({@link #encode()} / {@link #decode(String)}).
 *
 * @param kind what went wrong; decides whether waiting can cure it
 * @param partition the partition concerned, or -1 for the whole topic
 * @param message for people: says who holds it or what exists
 */
public record ClaimProblem(Kind kind, int partition, String message) {

    /** The kinds of problem, and whether they may go away by themselves. */
    public enum Kind {
        /** The topic is not created yet: its producer will create it. */
        TOPIC_MISSING(true),
        /** The claimed partition number is beyond the topic's partitions: a configuration error. */
        NO_SUCH_PARTITION(false),
        /** Another live member holds the partition: an error once its session could have expired. */
        HELD_ELSEWHERE(false);

        private final boolean transientKind;

        Kind(boolean transientKind) {
            this.transientKind = transientKind;
        }

        /** Whether this problem is expected to end without anyone acting (so it is never fatal). */
        public boolean isTransient() {
            return transientKind;
        }
    }

    public ClaimProblem {
        if (message.indexOf('\n') >= 0 || message.indexOf('\t') >= 0) {
            throw new IllegalArgumentException("a claim problem's message is one line without tabs: " + message);
        }
    }

    /** One line: kind, partition and message separated by tabs. */
    public String encode() {
        return kind + "\t" + partition + "\t" + message;
    }

    /** The inverse of {@link #encode()}. */
    public static ClaimProblem decode(String line) {
        String[] parts = line.split("\t", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not an encoded claim problem: " + line);
        }
        return new ClaimProblem(Kind.valueOf(parts[0]), Integer.parseInt(parts[1]), parts[2]);
    }

    @Override
    public String toString() {
        return message;
    }
}
