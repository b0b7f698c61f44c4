package io.weatherpipeline.composecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class InterpolationTest {

    private static final Map<String, String> ENV = Map.of("SET", "value", "EMPTY", "");

    @Test
    void substitutesAsCompose() {
        assertEquals("value", Interpolation.apply("${SET}", ENV));
        assertEquals("value-x", Interpolation.apply("$SET-x", ENV));
        assertEquals("", Interpolation.apply("${UNSET}", ENV));
        assertEquals("jvm", Interpolation.apply("${UNSET:-jvm}", ENV));
        assertEquals("jvm", Interpolation.apply("${EMPTY:-jvm}", ENV));
        assertEquals("", Interpolation.apply("${EMPTY-jvm}", ENV));
        assertEquals("value", Interpolation.apply("${SET:-jvm}", ENV));
        assertEquals("127.0.0.1:9092:29092", Interpolation.apply("127.0.0.1:${PORT:-9092}:29092", ENV));
        assertEquals("$${X} and $", Interpolation.apply("$$$${X} and $$", ENV));
        assertEquals("a:b", Interpolation.apply("${UNSET:-a:b}", ENV));
    }

    @Test
    void requiredVariablesAndMistakesFail() {
        assertThrows(IllegalArgumentException.class, () -> Interpolation.apply("${UNSET:?needed}", ENV));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.apply("${EMPTY:?needed}", ENV));
        assertEquals("", Interpolation.apply("${EMPTY?needed}", ENV));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.apply("${OPEN", ENV));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.apply("cost $ 5", ENV));
    }
}
