package io.weatherpipeline.alerts;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.weatherpipeline.common.RetryState;

/**
 * Once a second: creates the tables until that has worked (so readiness tells at once whether MySQL
 * answers, before any partition is assigned), and refreshes the lag gauges. Non-blocking.
 */
@ApplicationScoped
public class AlertsTimer {

    private static final Logger LOG = Logger.getLogger(AlertsTimer.class);

    private final AlertStore store;
    private final AlertWriter writer;
    private final String databaseUrl;
    private final RetryState schemaRetry = new RetryState(LOG, Duration.ofSeconds(1), Duration.ofSeconds(10),
            "nothing is read before the tables exist");

    AlertsTimer(AlertStore store, AlertWriter writer, @ConfigProperty(name = AlertsBeans.URL_KEY) String databaseUrl) {
        this.store = store;
        this.writer = writer;
        this.databaseUrl = databaseUrl;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        Uni<Void> schema = Uni.createFrom().voidItem();
        if (!store.schemaReady() && schemaRetry.mayTry(System.nanoTime())) {
            schema = store.ensureSchema()
                    .invoke(() -> schemaRetry.succeeded(System.nanoTime(), () -> "tables warning_temperatures and"
                            + " alert_offsets are there"))
                    .onFailure().recoverWithUni(e -> {
                        schemaRetry.failed(System.nanoTime(), "MySQL at " + databaseUrl + " to create the tables", e);
                        return Uni.createFrom().voidItem();
                    });
        }
        return schema.chain(() -> writer.refreshLag().onFailure().recoverWithNull().replaceWithVoid());
    }

    /** What creating the tables waits for, or null. */
    String waitingFor() {
        return store.schemaReady() ? null : schemaRetry.waitingFor() != null ? schemaRetry.waitingFor()
                : "MySQL at " + databaseUrl + " to create the tables (first try)";
    }
}
