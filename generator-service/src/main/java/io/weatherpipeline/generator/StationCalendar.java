package io.weatherpipeline.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.weatherpipeline.common.StationIds;

/**
 * Which stations are simulated and the next day each one is due. Pure and thread-safe: the
 * scheduled tick and the REST resource share one instance.
 *
 * <p>The series of a station never repeats a date and, across restarts, never skips one: the next
 * date is the day after the last one stored, and it only moves once a batch is committed.
 */
public final class StationCalendar {

    /** A station's state as seen by {@code GET /stations}. */
    public record Station(String id, boolean active, LocalDate nextDate) {

        /** The last day written, or null when none is. */
        public LocalDate lastDate(LocalDate startDate) {
            return nextDate.isAfter(startDate) ? nextDate.minusDays(1) : null;
        }
    }

    private final LocalDate startDate;
    private final Map<String, Station> stations = new TreeMap<>();

    public StationCalendar(LocalDate startDate) {
        this.startDate = startDate;
    }

    /**
     * Rebuilds the calendar after a (re)start.
     *
     * @param lastStored last stored date per station, from the table
     * @param activeFlags stations remembered as active (true) or stopped (false)
     * @param configured the configured stations: active unless remembered as stopped
     */
    public synchronized void restore(Map<String, LocalDate> lastStored, Map<String, Boolean> activeFlags,
            List<String> configured) {
        stations.clear();
        lastStored.forEach((id, last) -> stations.put(id, new Station(id, false, last.plusDays(1))));
        LocalDate today = currentDay();
        for (String id : configured) {
            Station known = stations.get(id);
            stations.put(id, new Station(id, true, known == null ? today : known.nextDate()));
        }
        activeFlags.forEach((id, active) -> {
            Station known = stations.get(id);
            stations.put(id, new Station(id, active, known == null ? today : known.nextDate()));
        });
    }

    /** The simulated "today": the furthest next date of any station, or the start date. */
    public synchronized LocalDate currentDay() {
        return stations.values().stream().map(Station::nextDate).max(Comparator.naturalOrder()).orElse(startDate);
    }

    /**
     * The next {@code days} days of every active station, day by day (all stations of day 1, then
     * of day 2, ...), with temperatures from {@code model}.
     */
    public synchronized List<Reading> nextBatch(int days, WeatherModel model) {
        List<Station> active = stations.values().stream().filter(Station::active).toList();
        List<Reading> rows = new ArrayList<>(days * active.size());
        for (int d = 0; d < days; d++) {
            for (Station s : active) {
                LocalDate date = s.nextDate().plusDays(d);
                rows.add(new Reading(s.id(), date, model.maxTemperature(s.id(), date)));
            }
        }
        return rows;
    }

    /** Moves each station of a committed batch past its last date. */
    public synchronized void committed(List<Reading> batch) {
        for (Reading r : batch) {
            Station s = stations.get(r.stationId());
            if (s != null && !r.date().isBefore(s.nextDate())) {
                stations.put(s.id(), new Station(s.id(), s.active(), r.date().plusDays(1)));
            }
        }
    }

    /** Whether {@code id} is currently simulated. */
    public synchronized boolean isActive(String id) {
        Station s = stations.get(id);
        return s != null && s.active();
    }

    /**
     * Starts simulating {@code id} from today (or the day after its last stored day, if later).
     *
     * @return the station as it now is
     * @throws IllegalArgumentException when the id is malformed
     * @throws IllegalStateException when the station is already active
     */
    public synchronized Station add(String id) {
        String problem = StationIds.problemWith(id);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Station known = stations.get(id);
        if (known != null && known.active()) {
            throw new IllegalStateException("station " + id + " already exists");
        }
        LocalDate today = currentDay();
        LocalDate next = known == null || known.nextDate().isBefore(today) ? today : known.nextDate();
        Station added = new Station(id, true, next);
        stations.put(id, added);
        return added;
    }

    /** Stops simulating {@code id}; false when it was not active. */
    public synchronized boolean stop(String id) {
        Station s = stations.get(id);
        if (s == null || !s.active()) {
            return false;
        }
        stations.put(id, new Station(id, false, s.nextDate()));
        return true;
    }

    public synchronized List<Station> all() {
        return List.copyOf(stations.values());
    }

    public LocalDate startDate() {
        return startDate;
    }
}
