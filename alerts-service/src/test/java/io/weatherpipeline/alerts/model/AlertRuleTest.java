package io.weatherpipeline.alerts.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlertRuleTest {

    @Test
    void strictlyAboveTheThresholdIsAnAlert() {
        AlertRule rule = new AlertRule(30.0);
        assertTrue(rule.isAlert(30.0001));
        assertTrue(rule.isAlert(45));
        assertFalse(rule.isAlert(30.0), "exactly at the threshold is not above it");
        assertFalse(rule.isAlert(29.9999));
        assertFalse(rule.isAlert(-5));
    }

    @Test
    void negativeThresholdsWork() {
        AlertRule rule = new AlertRule(-10);
        assertTrue(rule.isAlert(-9.5));
        assertFalse(rule.isAlert(-10.5));
    }

    @Test
    void aThresholdThatIsNotAFiniteNumberIsRefusedNamingTheSetting() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AlertRule(bad));
            assertTrue(e.getMessage().startsWith("alerts.threshold must be a finite number"), e.getMessage());
        }
        assertEquals(30.0, new AlertRule(30.0).threshold());
    }
}
