package io.weatherpipeline.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.weatherpipeline.stack.StackSettings;

/**
 * Runs SQL with Debian's {@code mariadb} client, a reader independent of the services' own database
 * code, for reconciliation in tests.
 */
public final class MariaDbQuery {

    private MariaDbQuery() {
    }

    /** The rows of {@code query}, each a tab-separated line (no header). */
    public static List<String> rows(StackSettings mysql, String query) throws IOException, InterruptedException {
        return rows(mysql.mysqlPort(), mysql.user(), mysql.password(), mysql.database(), query);
    }

    /**
     * The rows of {@code query} on the loopback server a {@code quarkus.datasource.reactive.url} such as
     * {@code mysql://localhost:3306/weather} names: for {@code @QuarkusTest}s, which read the addresses
     * from their configuration (local-stack's classes are not theirs to touch).
     */
    public static List<String> rows(String reactiveUrl, String user, String password, String query)
            throws IOException, InterruptedException {
        java.net.URI uri = java.net.URI.create(reactiveUrl);
        return rows(uri.getPort(), user, password, uri.getPath().substring(1), query);
    }

    private static List<String> rows(int port, String user, String password, String database, String query)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mariadb", "--no-defaults", "--protocol=TCP", "-h", "127.0.0.1",
                "-P", String.valueOf(port), "-u", user, "-p" + password,
                "-D", database, "-N", "-B", "-e", query).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("mariadb failed on '" + query + "': " + out);
        }
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
}
