package io.weatherpipeline.windows.model;

/**
 * Everything one input partition keeps about one station, updated with one store read and one write per
 * reading (the cost that matters at hundreds of thousands of readings a second): its statistics so far,
 * its late readings, its current window's statistics, and its count in the current year-month.
 * Windows it has left, and year-months it has left, are moved to their own stores when it leaves them,
 * which happens once per window or month, not per reading.
 *
 * @param soFar every reading of the station so far (late ones included)
 * @param late readings that came after their window had closed
 * @param windowId the window the station's readings go to now
 * @param window its statistics in {@code windowId}
 * @param yearMonth {@code year * 100 + month} of the station's current month
 * @param yearMonthCount its readings in {@code yearMonth} not yet moved to the year-month store
 */
public record StationState(StationStats soFar, long late, long windowId, StationStats window, int yearMonth,
        long yearMonthCount) {

    /** The state after a station's first reading. */
    public static StationState first(double degrees, int day, long windowId, int yearMonth) {
        StationStats s = StationStats.of(degrees, day);
        return new StationState(s, 0, windowId, s, yearMonth, 1);
    }

    /** {@code year * 100 + month}. */
    public static int yearMonth(int year, int month) {
        return year * 100 + month;
    }

    /** This state with one more reading in the totals (its window is handled apart). */
    public StationState counted(double degrees, int day, int ym) {
        return new StationState(soFar.plus(degrees, day), late, windowId, window, ym,
                ym == yearMonth ? yearMonthCount + 1 : 1);
    }

    public StationState plusLate() {
        return new StationState(soFar, late + 1, windowId, window, yearMonth, yearMonthCount);
    }

    /** This state with one more reading in its current window. */
    public StationState inWindow(double degrees, int day) {
        return new StationState(soFar, late, windowId, window.plus(degrees, day), yearMonth, yearMonthCount);
    }

    /** This state with a new current window holding one reading. */
    public StationState movedTo(long newWindowId, double degrees, int day) {
        return new StationState(soFar, late, newWindowId, StationStats.of(degrees, day), yearMonth, yearMonthCount);
    }
}
