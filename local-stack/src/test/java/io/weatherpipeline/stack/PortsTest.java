package io.weatherpipeline.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;

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
}
