package io.weatherpipeline.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.weatherpipeline.dashboard.source.TopicOffsets;

/** Wiring: the clients built from {@link DashboardConfig}, the Kafka admin client, and the settings' checks at start. */
@ApplicationScoped
public class DashboardBeans {

    @Produces
    @Singleton
    Clients clients(DashboardConfig config) {
        check(config);
        return new Clients(config);
    }

    @Produces
    @Singleton
    TopicOffsets topicOffsets(DashboardConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        return new TopicOffsets(bootstrapServers, config.topic(), (int) config.timeout().toMillis());
    }

    void closeTopicOffsets(@Disposes TopicOffsets offsets) {
        offsets.close();
    }

    /** A bad setting stops the start with a message naming it, rather than showing a page of errors. */
    void onStart(@Observes StartupEvent event, Clients clients) {
        clients.services();
    }

    /** @throws IllegalArgumentException naming the first setting out of range */
    static void check(DashboardConfig config) {
        if (config.timeout().toMillis() < 50) {
            throw new IllegalArgumentException("dashboard.timeout must be at least 50ms, was " + config.timeout());
        }
        if (config.refresh().toMillis() < 100) {
            throw new IllegalArgumentException("dashboard.refresh must be at least 100ms, was " + config.refresh());
        }
        if (config.throughputSpan().compareTo(config.refresh().multipliedBy(10)) < 0) {
            throw new IllegalArgumentException("dashboard.throughput-span must be at least 10 times dashboard.refresh ("
                    + config.refresh() + "), was " + config.throughputSpan());
        }
        range("dashboard.recent-days", config.recentDays(), 1, 366);
        range("dashboard.alerts-limit", config.alertsLimit(), 1, 500);
        range("dashboard.windows-last", config.windowsLast(), 1, 100);
        if (config.consumerUrls().isEmpty()) {
            throw new IllegalArgumentException("dashboard.consumer-urls must name at least one consumer");
        }
    }

    private static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
