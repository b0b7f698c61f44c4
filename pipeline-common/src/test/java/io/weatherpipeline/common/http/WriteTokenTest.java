package io.weatherpipeline.common.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteTokenTest {

    private static final String TOKEN = "0123456789abcdef-local";
    private final WriteToken rule = WriteToken.of(Optional.of(TOKEN));

    @Test
    void withoutATokenEverythingMayWrite() {
        WriteToken open = WriteToken.of(Optional.empty());
        assertFalse(open.required());
        assertNull(open.refusal(null));
        assertNull(open.refusal("Bearer anything"));
        assertFalse(WriteToken.of(Optional.of("")).required());
    }

    @Test
    void theRightBearerTokenMayWrite() {
        assertTrue(rule.required());
        assertNull(rule.refusal("Bearer " + TOKEN));
        assertNull(rule.refusal("bearer " + TOKEN));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                   | needs the header",
        "'   '                                | needs the header",
        "'Basic dXNlcjpwYXNz'                 | must be 'Bearer <token>'",
        "'Bearer'                             | must be 'Bearer <token>'",
        "'Bearer '                            | not the configured one",
        "'Bearer 0123456789abcdef-loca'       | not the configured one",
        "'Bearer 0123456789abcdef-locall'     | not the configured one",
        "'Bearer 0123456789ABCDEF-local'      | not the configured one",
        "'Token 0123456789abcdef-local'       | must be 'Bearer <token>'",
    })
    void anythingElseIsRefusedSayingWhy(String header, String why) {
        String refusal = rule.refusal(header);
        assertNotNull(refusal, header);
        assertTrue(refusal.contains(why), refusal);
        assertFalse(refusal.contains(TOKEN), "a refusal must not echo the token");
    }

    @Test
    void aMissingHeaderIsRefused() {
        assertTrue(rule.refusal(null).contains("needs the header"));
    }

    @Test
    void aWeakOrMalformedTokenIsABadSetting() {
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class,
                () -> WriteToken.of(Optional.of("short")));
        assertTrue(shortOne.getMessage().contains("at least 16 characters, was 5"), shortOne.getMessage());
        assertFalse(shortOne.getMessage().contains("short"));
        IllegalArgumentException spaced = assertThrows(IllegalArgumentException.class,
                () -> WriteToken.of(Optional.of("0123456789 abcdef")));
        assertTrue(spaced.getMessage().contains("no spaces"), spaced.getMessage());
    }
}
