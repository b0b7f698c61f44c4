package io.weatherpipeline.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;

class RowEncoderTest {

    private final RowEncoder encoder = new RowEncoder(-100, 100);

    @Test
    void encodesAGoodRowAsAReport() {
        RowEncoder.Encoded e = encoder.encode(new SourceRow(7, "StationC", LocalDate.of(2008, 12, 17), 35.2621));
        assertTrue(e.ok());
        assertNull(e.reason());
        Report r = ReportCodec.decode(e.bytes(), "temperatures", 0, 0);
        assertEquals("StationC", r.getStationId());
        assertEquals("2008-12-17", r.getDate());
        assertEquals(35.2621, r.getDegrees());
    }

    @Test
    void rejectsMissingFieldsAndAbsurdValuesWithAReason() {
        LocalDate d = LocalDate.of(2000, 1, 1);
        assertEquals("station_id is missing", encoder.encode(new SourceRow(1, null, d, 1.0)).reason());
        assertEquals("date is missing", encoder.encode(new SourceRow(1, "S", null, 1.0)).reason());
        assertEquals("degrees is missing", encoder.encode(new SourceRow(1, "S", d, null)).reason());
        assertEquals("degrees 1000.0 is outside [-100.0, 100.0]", encoder.encode(new SourceRow(1, "S", d, 1000.0)).reason());
        assertEquals("degrees NaN is outside [-100.0, 100.0]", encoder.encode(new SourceRow(1, "S", d, Double.NaN)).reason());
    }

    @Test
    void deadLetterJsonCarriesTheRowAndTheReason() {
        assertEquals("{\"id\":5,\"station_id\":\"Sta\\\"tion\",\"date\":null,\"degrees\":null,\"reason\":\"date is missing\"}",
                RowEncoder.deadLetterJson(new SourceRow(5, "Sta\"tion", null, null), "date is missing"));
        assertEquals("{\"id\":6,\"station_id\":\"S\",\"date\":\"2000-01-01\",\"degrees\":1000.0,\"reason\":\"r\"}",
                RowEncoder.deadLetterJson(new SourceRow(6, "S", LocalDate.of(2000, 1, 1), 1000.0), "r"));
    }

    @Test
    void boundsMustMakeSense() {
        assertThrows(IllegalArgumentException.class, () -> new RowEncoder(10, -10));
    }
}
