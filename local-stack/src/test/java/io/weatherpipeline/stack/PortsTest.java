package io.weatherpipeline.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreBelowTheEphemeralRangeAndBindable() throws Exception {
        int start = Ports.ephemeralRangeStart();
        for (int i = 0; i < 50; i++) {
            int port = Ports.free();
            assertTrue(port >= 1024 && port < start, port + " is not below the ephemeral range starting at " + start);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(Ports.isListening(port));
            }
            assertFalse(Ports.isListening(port));
        }
    }

    /** A port handed out is not handed out again, although nothing has bound it yet. */
    @Test
    void aPortIsHandedOutOnce() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int port = Ports.free();
            assertTrue(seen.add(port), "port " + port + " handed out twice");
        }
        int first = Ports.freeRun(4);
        for (int p = first; p < first + 4; p++) {
            assertTrue(seen.add(p), "port " + p + " of a run was handed out before");
        }
        for (int i = 0; i < 500; i++) {
            int port = Ports.free();
            assertFalse(port >= first && port < first + 4, "port " + port + " belongs to the run " + first);
        }
    }
}
