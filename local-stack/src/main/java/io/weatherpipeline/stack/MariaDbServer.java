package io.weatherpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server (Debian's {@code mariadbd}) started as a plain process on its own data directory,
 * listening on loopback only. The pipeline's database, user and {@code temperatures} table are
 * created on first start (and ensured on every start).
 */
final class MariaDbServer extends SingleProcessServer {

    private static final List<Path> SEARCH = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"),
            Path.of("/usr/local/bin"), Path.of("/usr/local/sbin"));

    private final StackSettings settings;
    private final Path dir;

    MariaDbServer(StackSettings settings) {
        this.settings = settings;
        this.dir = settings.workDir().resolve("mariadb");
    }

    @Override
    public void start() {
        Ports.requireFree(settings.mysqlPort(), "MariaDB");
        Path mariadbd = binary("mariadbd");
        Path data = dir.resolve("data");
        Path log = settings.logDir().resolve("mariadb.log");
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        if (!Files.isDirectory(data.resolve("mysql"))) {
            List<String> install = new ArrayList<>(List.of(binary("mariadb-install-db").toString(), "--no-defaults",
                    "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (asRoot) {
                install.add("--user=root");
            }
            createDirectories(data);
            OneShot.run("Initialising the MariaDB data directory " + data, install, log, 120);
        }
        Path initFile = writeInitFile();
        List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults",
                "--datadir=" + data,
                "--port=" + settings.mysqlPort(),
                "--bind-address=127.0.0.1",
                "--socket=" + socketPath(),
                "--pid-file=" + dir.resolve("mariadbd.pid"),
                // --no-defaults drops Debian's config files, and with them utf8mb4
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--skip-name-resolve",
                "--init-file=" + initFile,
                "--innodb-buffer-pool-size=128M"));
        if (asRoot) {
            command.add("--user=root");
        }
        process = ManagedProcess.start("mariadb", command, Map.of(), dir, log, settings.pidDir());
        Readiness.await(process, "SELECT 1 as " + settings.user() + " on localhost:" + settings.mysqlPort(),
                Duration.ofSeconds(60), this::selectOneProblem);
    }

    private String selectOneProblem() {
        try {
            Process p = new ProcessBuilder(binary("mariadb").toString(), "--no-defaults", "--protocol=TCP",
                    "-h", "127.0.0.1", "-P", String.valueOf(settings.mysqlPort()), "-u", settings.user(),
                    "-p" + settings.password(), "-D", settings.database(), "-N", "-B", "-e", "SELECT 1")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "SELECT 1 timed out";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && out.equals("1") ? null : out;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** SQL run by the server itself at every start: idempotent. */
    private Path writeInitFile() {
        String db = settings.database();
        String user = settings.user();
        String sql = String.join("\n",
                "CREATE DATABASE IF NOT EXISTS `" + db + "` CHARACTER SET utf8mb4;",
                "CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + settings.password() + "';",
                "GRANT ALL PRIVILEGES ON `" + db + "`.* TO '" + user + "'@'%';",
                // The generator creates the same table if it is missing; the stack creates it so a
                // fresh database is ready for any of the services, whichever starts first.
                "CREATE TABLE IF NOT EXISTS `" + db + "`.temperatures (",
                "  id BIGINT AUTO_INCREMENT PRIMARY KEY,",
                "  station_id VARCHAR(64) NOT NULL,",
                "  date DATE NOT NULL,",
                "  degrees DOUBLE NOT NULL,",
                "  UNIQUE KEY station_day (station_id, date)",
                ");",
                "FLUSH PRIVILEGES;",
                "");
        Path file = dir.resolve("init.sql");
        try {
            Files.writeString(file, sql);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /** Unix socket paths are limited to 107 bytes; deep work directories fall back to /tmp. */
    private Path socketPath() {
        Path inDir = dir.resolve("mysqld.sock").toAbsolutePath();
        return inDir.toString().length() < 100 ? inDir : Path.of("/tmp", "weather-mariadb-" + settings.mysqlPort() + ".sock");
    }

    static Path binary(String name) {
        for (Path d : SEARCH) {
            Path candidate = d.resolve(name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new StackException("MariaDB's " + name + " is not installed. Install Debian's MariaDB server:"
                + " sudo apt-get install -y mariadb-server mariadb-client (./weather up and .ci/run do this when run as root)");
    }

    private static void createDirectories(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + p, e);
        }
    }

    @Override
    public String endpoint() {
        return "MariaDB    " + settings.mysqlReactiveUrl() + " (user " + settings.user() + ")";
    }
}
