package io.weatherpipeline.alerts.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.proto.Report;

class AlertTest {

    @Test
    void aReportBecomesARowWithItsThresholdAndWhereItCameFrom() {
        Report r = Report.newBuilder().setStationId("StationC").setDate("2008-12-17").setDegrees(35.2621).build();
        assertEquals(new Alert("StationC", LocalDate.of(2008, 12, 17), 35.2621, 30.0, 2, 4117),
                Alert.of(r, 30.0, 2, 4117));
    }

    @Test
    void leapDaysAndFarYearsMapToTheirDates() {
        Report r = Report.newBuilder().setStationId("S").setDate("2400-02-29").setDegrees(31).build();
        assertEquals(LocalDate.of(2400, 2, 29), Alert.of(r, 30, 0, 0).date());
    }

    @Test
    void aStationIdTooLongForTheTableIsRefused() {
        String id = "S".repeat(Alert.MAX_STATION_LENGTH);
        Report fits = Report.newBuilder().setStationId(id).setDate("2000-01-01").setDegrees(40).build();
        assertEquals(id, Alert.of(fits, 30, 0, 0).stationId());
        Report tooLong = fits.toBuilder().setStationId(id + "X").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Alert.of(tooLong, 30, 0, 0));
        assertTrue(e.getMessage().contains("65 characters long; the table holds 64"), e.getMessage());
    }
}
