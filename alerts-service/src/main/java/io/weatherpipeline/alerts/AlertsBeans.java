package io.weatherpipeline.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLPool;
import io.weatherpipeline.alerts.model.AlertRule;
import io.weatherpipeline.alerts.model.PartitionLedger;
import io.weatherpipeline.alerts.model.PollDecoder;
import io.weatherpipeline.alerts.sql.AlertStatements;

/** Checks the configuration first thing at start-up, and wires the pure classes. */
public class AlertsBeans {

    /** The key of the database URL, named in its error. */
    static final String URL_KEY = "quarkus.datasource.reactive.url";

    /**
     * First of all at start-up, before the datasource's own start-up observer, whose error about a bad
     * URL would name neither the setting nor the remedy.
     */
    void checkAtStart(@Observes @Priority(0) StartupEvent event, AlertsConfig config,
            @ConfigProperty(name = URL_KEY) String url) {
        check(config, url);
    }

    @Produces
    @Singleton
    AlertRule rule(AlertsConfig config) {
        return new AlertRule(config.threshold());
    }

    /**
     * The datasource's pool as Quarkus configures it, but caching prepared statements whatever the
     * length of their SQL (the client's default skips those over 2,048 characters, so every multi-row
     * INSERT was prepared again: a round trip and one parameter definition per placeholder).
     */
    @Produces
    @Singleton
    MySQLPoolCreator pool() {
        return input -> {
            for (MySQLConnectOptions options : input.mySQLConnectOptionsList()) {
                options.setCachePreparedStatements(true).setPreparedStatementCacheSqlLimit(AlertStatements.LONGEST_SQL);
            }
            return MySQLPool.pool(input.vertx(), input.mySQLConnectOptionsList(), input.poolOptions());
        };
    }

    @Produces
    @Singleton
    PollDecoder decoder(AlertRule rule) {
        return new PollDecoder(rule);
    }

    @Produces
    @Singleton
    PartitionLedger ledger() {
        return new PartitionLedger();
    }

    /** Fails start-up with one clear line per bad value. */
    static void check(AlertsConfig config, String url) {
        List<String> problems = new ArrayList<>();
        if (!Double.isFinite(config.threshold())) {
            problems.add("alerts.threshold must be a finite number of degrees Celsius (e.g. 30.0), was " + config.threshold());
        }
        if (config.rowsPerStatement() < 1 || config.rowsPerStatement() > AlertStatements.MAX_ROWS_PER_STATEMENT) {
            problems.add("alerts.rows-per-statement must be between 1 and " + AlertStatements.MAX_ROWS_PER_STATEMENT
                    + " (65,535 placeholders, 6 per row), was " + config.rowsPerStatement());
        }
        if (config.transactionTimeout().isNegative() || config.transactionTimeout().isZero()) {
            problems.add("alerts.transaction-timeout must be positive, was " + config.transactionTimeout());
        }
        if (config.revokeTimeout().isNegative()) {
            problems.add("alerts.revoke-timeout must not be negative, was " + config.revokeTimeout());
        }
        String urlProblem = urlProblem(url);
        if (urlProblem != null) {
            problems.add(URL_KEY + " '" + url + "' " + urlProblem
                    + ": expected mysql://HOST[:PORT]/DATABASE, e.g. mysql://localhost:3306/weather");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid alerts configuration: " + String.join("; ", problems));
        }
    }

    /** What is wrong with a reactive MySQL URL, or null. */
    static String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")";
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("mysql") || uri.getScheme().equals("mariadb"))) {
            return "does not start with mysql:// (or mariadb://)";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "names no host";
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return "has port " + uri.getPort();
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2) {
            return "names no database";
        }
        return null;
    }
}
