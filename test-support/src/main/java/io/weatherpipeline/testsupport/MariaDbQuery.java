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
        Process p = new ProcessBuilder("mariadb", "--no-defaults", "--protocol=TCP", "-h", "127.0.0.1",
                "-P", String.valueOf(mysql.mysqlPort()), "-u", mysql.user(), "-p" + mysql.password(),
                "-D", mysql.database(), "-N", "-B", "-e", query).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("mariadb failed on '" + query + "': " + out);
        }
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
}
