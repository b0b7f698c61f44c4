package io.weatherpipeline.alerts.model;

/**
 * Which readings are alerts: those strictly above the threshold (degrees Celsius), as the original
 * alert system stored every reading above 30 °C.
 *
 * @param threshold the setting {@code alerts.threshold}; any finite number
 */
public record AlertRule(double threshold) {

    public AlertRule {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("alerts.threshold must be a finite number of degrees Celsius (e.g. 30.0),"
                    + " was " + threshold);
        }
    }

    /** True when {@code degrees} is strictly above the threshold (a reading exactly at it is not an alert). */
    public boolean isAlert(double degrees) {
        return degrees > threshold;
    }
}
