package io.weatherpipeline.composecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.stack.launcher.ServiceCatalog;

/**
 * The catalog of services is the one list: every service in it is a module of the build, is built and
 * run by docker-compose.yml, and is documented in the README; and compose builds nothing else.
 */
class ServiceCatalogTest {

    @Test
    void composeBuildsExactlyTheServicesOfTheCatalog() {
        Set<String> composed = new HashSet<>();
        Checkout.compose().built().forEach(s -> composed.add(s.module()));
        Set<String> catalog = new HashSet<>();
        ServiceCatalog.ALL.forEach(s -> catalog.add(s.module()));
        assertEquals(catalog, composed, "docker-compose.yml builds other modules than ServiceCatalog lists");
    }

    @Test
    void everyServiceIsAModuleAndInTheReadme() throws IOException {
        String pom = Files.readString(Checkout.ROOT.resolve("pom.xml"));
        String readme = Files.readString(Checkout.ROOT.resolve("README.md"));
        for (ServiceCatalog.Service s : ServiceCatalog.ALL) {
            assertTrue(pom.contains("<module>" + s.module() + "</module>"), s.module() + " is not a module of pom.xml");
            assertTrue(readme.contains("http://localhost:" + s.port()),
                    "README.md does not say where " + s.name() + " listens (http://localhost:" + s.port() + ")");
        }
    }

    @Test
    void namesAndPortsAreUnique() {
        assertEquals(ServiceCatalog.ALL.size(), ServiceCatalog.ALL.stream().map(ServiceCatalog.Service::name).distinct().count());
        assertEquals(ServiceCatalog.ALL.size(), ServiceCatalog.ALL.stream().map(ServiceCatalog.Service::port).distinct().count());
    }
}
