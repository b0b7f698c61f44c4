package io.weatherpipeline.stack.launcher;

import java.time.Duration;

/**
 * When a crashed service is started again, as Compose's {@code restart: unless-stopped} does: after
 * a pause that doubles with every crash in a row (1 s, 2 s, 4 s … at most {@link #MAX_PAUSE}), and a
 * service that ran for {@link #STABLE_AFTER} before it crashed starts a new row. Pure.
 */
public final class RestartPolicy {

    public static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    public static final Duration MAX_PAUSE = Duration.ofSeconds(60);
    public static final Duration STABLE_AFTER = Duration.ofSeconds(30);

    private RestartPolicy() {
    }

    /**
     * @param crashesBefore crashes in the current row before this one
     * @param ranFor how long the process ran before this crash
     * @return the crashes in the row, this one included
     */
    public static int crashesInARow(int crashesBefore, Duration ranFor) {
        return ranFor.compareTo(STABLE_AFTER) >= 0 ? 1 : crashesBefore + 1;
    }

    /** The pause before the next start, after {@code crashesInARow} (at least 1) crashes in a row. */
    public static Duration pause(int crashesInARow) {
        if (crashesInARow < 1) {
            throw new IllegalArgumentException("crashesInARow must be at least 1, is " + crashesInARow);
        }
        int doublings = Math.min(crashesInARow - 1, 16);
        Duration pause = FIRST_PAUSE.multipliedBy(1L << doublings);
        return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
    }
}
