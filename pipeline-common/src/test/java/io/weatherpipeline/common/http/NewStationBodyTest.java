package io.weatherpipeline.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class NewStationBodyTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aGoodBodyGivesTheId() {
        NewStationBody b = NewStationBody.parse(json, "{\"station_id\": \"Station_K-2.b\"}");
        assertEquals("Station_K-2.b", b.stationId());
        assertNull(b.problem());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL                              | the body is empty",
        "'  '                              | the body is empty",
        "'not json'                        | the body is not JSON",
        "'{\"station_id\": '               | the body is not JSON",
        "'[\"StationK\"]'                  | must be a JSON object",
        "'\"StationK\"'                    | must be a JSON object",
        "'{}'                              | no text field station_id",
        "'{\"station_id\": 42}'            | no text field station_id",
        "'{\"station_id\": null}'          | no text field station_id",
        "'{\"station_id\": \"K\", \"x\": 1}' | unknown field(s) [x]",
        "'{\"station_id\": \"\"}'          | must not be empty",
        "'{\"station_id\": \"Station K\"}' | may contain only letters",
    })
    void aBadBodySaysWhatIsWrong(String body, String why) {
        NewStationBody b = NewStationBody.parse(json, body);
        assertNull(b.stationId());
        assertTrue(b.problem().contains(why), b.problem());
    }
}
