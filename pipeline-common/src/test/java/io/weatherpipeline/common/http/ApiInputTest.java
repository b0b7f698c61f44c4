package io.weatherpipeline.common.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiInputTest {

    @Test
    void aPartitionIsAWholeNumberFromZero() {
        assertEquals(0, ApiInput.partition("0", "0,1"));
        assertEquals(3, ApiInput.partition("03", "0,1"));
        assertEquals(Integer.MAX_VALUE, ApiInput.partition(String.valueOf(Integer.MAX_VALUE), "0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "x            | 'x' is not a partition number",
        "1.5          | is not a partition number",
        "+1           | is not a partition number",
        "\"\"           | is not a partition number",
        "-1           | partition '-1' is negative",
        "2147483648   | is too large",
    })
    void anythingElseSaysWhatAPartitionIs(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiInput.partition(text, "0,2"));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().contains("this instance owns 0,2"), e.getMessage());
    }

    @Test
    void onlyTheParametersAnEndpointTakesEachOnce() {
        assertDoesNotThrow(() -> ApiInput.onlyParameters("GET /a", Map.of("limit", List.of("5")), List.of("limit")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ApiInput.onlyParameters("GET /a", Map.of("stations", List.of("A")), List.of("station", "limit")));
        assertEquals("unknown query parameter 'stations': GET /a takes only station, limit", unknown.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ApiInput.onlyParameters("GET /b", Map.of("x", List.of("1")), List.of()));
        assertEquals("unknown query parameter 'x': GET /b takes none", none.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ApiInput.onlyParameters("GET /a", Map.of("limit", List.of("1", "2")), List.of("limit")));
        assertEquals("limit is given 2 times: give it once", twice.getMessage());
    }

    @Test
    void longValuesAreCutInMessages() {
        assertEquals("'abc'", ApiInput.shown("abc"));
        String shown = ApiInput.shown("y".repeat(500));
        assertTrue(shown.startsWith("'" + "y".repeat(ApiInput.SHOWN) + "…'"), shown);
        assertTrue(shown.endsWith("(500 characters)"), shown);
    }
}
