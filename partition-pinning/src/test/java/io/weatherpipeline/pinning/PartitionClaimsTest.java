package io.weatherpipeline.pinning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PartitionClaimsTest {

    @Test
    void partitionListsAsTheOriginalConsumersTookThem() {
        assertEquals(Set.of(0), PartitionClaims.parse("k", "0"));
        assertEquals(Set.of(0, 2), PartitionClaims.parse("k", "0,2"));
        assertEquals(Set.of(0, 1, 2, 3), PartitionClaims.parse("k", "0 1 2 3"));
        assertEquals(Set.of(1, 3), PartitionClaims.parse("k", " 3, 1 "));
        assertEquals("0,1,3", PartitionClaims.format(Set.of(3, 0, 1)));
    }

    @Test
    void aBadListNamesItsKeyAndEntry() {
        for (String bad : List.of("", " ", "a", "1,,x", "-1", "1,1", "0.5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PartitionClaims.parse("stats.partitions", bad), bad);
            assertTrue(e.getMessage().startsWith("stats.partitions "), e.getMessage());
        }
    }
}
