package io.weatherpipeline.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FatalErrorsTest {

    @Test
    void theFirstErrorCountsAndEndsTheProcessOnce() {
        List<Integer> exits = new ArrayList<>();
        FatalErrors fatal = new FatalErrors(true, exits::add);
        assertNull(fatal.message());
        fatal.stop("partition 1: damaged");
        fatal.stop("partition 2: damaged too");
        assertEquals("partition 1: damaged", fatal.message());
        assertEquals(List.of(FatalErrors.EXIT_STATUS), exits);
    }

    @Test
    void withoutExitItOnlyRemembers() {
        List<Integer> exits = new ArrayList<>();
        FatalErrors fatal = new FatalErrors(false, exits::add);
        fatal.stop("held elsewhere");
        assertEquals("held elsewhere", fatal.message());
        assertEquals(List.of(), exits);
    }
}
