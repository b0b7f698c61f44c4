package io.weatherpipeline.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ClientsAndSettingsTest {

    @Test
    void aBaseUrlMustBeHttpWithAHost() {
        assertEquals(URI.create("http://stats:8085"), Clients.uri("dashboard.stats-url", " http://stats:8085 "));
        for (String bad : new String[] {"stats:8085", "ftp://x", "http://", "http://a b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Clients.uri("dashboard.stats-url", bad));
            assertEquals("dashboard.stats-url must be an http:// or https:// URL with a host, such as"
                    + " http://localhost:8085, was '" + bad + "'", e.getMessage());
        }
    }
}
