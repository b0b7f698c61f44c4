package io.weatherpipeline.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import io.weatherpipeline.dashboard.client.AlertsApi;
import io.weatherpipeline.dashboard.client.ConsumerApi;
import io.weatherpipeline.dashboard.client.Failures.HttpStatusException;
import io.weatherpipeline.dashboard.client.GeneratorApi;
import io.weatherpipeline.dashboard.client.HealthApi;
import io.weatherpipeline.dashboard.client.NameNodeApi;
import io.weatherpipeline.dashboard.client.StatsApi;
import io.weatherpipeline.dashboard.client.WindowsApi;
import io.weatherpipeline.dashboard.view.Answers;

import jakarta.ws.rs.core.Response;

/**
 * The REST clients of every component the page shows, one per base URL of {@link DashboardConfig}, each
 * with the configured timeout for connecting and for reading. Error statuses are answers, not
 * exceptions, so the page can show a service's own error text ({@link #body}). Thread-safe.
 */
public final class Clients {

    /** A service the page shows the health of. */
    public record Service(String name, String url, HealthApi health) {
    }

    /** A consumer instance: its name on the page, its URL, its API. */
    public record Consumer(String name, String url, ConsumerApi api, HealthApi health) {
    }

    private final List<Service> services = new ArrayList<>();
    private final List<Consumer> consumers = new ArrayList<>();
    private final GeneratorApi generator;
    private final StatsApi stats;
    private final AlertsApi alerts;
    private final WindowsApi windows;
    private final NameNodeApi nameNode;
    private final long timeoutMillis;

    /** @throws IllegalArgumentException naming the setting when a URL is not an http(s) URL with a host */
    public Clients(DashboardConfig config) {
        this.timeoutMillis = config.timeout().toMillis();
        URI generatorUri = uri("dashboard.generator-url", config.generatorUrl());
        services.add(new Service("generator", config.generatorUrl(), build(generatorUri, HealthApi.class)));
        URI producerUri = uri("dashboard.producer-url", config.producerUrl());
        services.add(new Service("producer", config.producerUrl(), build(producerUri, HealthApi.class)));
        List<String> consumerUrls = config.consumerUrls();
        for (int i = 0; i < consumerUrls.size(); i++) {
            String url = consumerUrls.get(i);
            URI u = uri("dashboard.consumer-urls", url);
            String name = consumerUrls.size() == 1 ? "consumer" : "consumer-" + i;
            HealthApi health = build(u, HealthApi.class);
            consumers.add(new Consumer(name, url, build(u, ConsumerApi.class), health));
            services.add(new Service(name, url, health));
        }
        URI debugUri = uri("dashboard.debug-url", config.debugUrl());
        services.add(new Service("debug", config.debugUrl(), build(debugUri, HealthApi.class)));
        URI statsUri = uri("dashboard.stats-url", config.statsUrl());
        services.add(new Service("stats", config.statsUrl(), build(statsUri, HealthApi.class)));
        URI alertsUri = uri("dashboard.alerts-url", config.alertsUrl());
        services.add(new Service("alerts", config.alertsUrl(), build(alertsUri, HealthApi.class)));
        URI windowsUri = uri("dashboard.windows-url", config.windowsUrl());
        services.add(new Service("windows", config.windowsUrl(), build(windowsUri, HealthApi.class)));
        this.generator = build(generatorUri, GeneratorApi.class);
        this.stats = build(statsUri, StatsApi.class);
        this.alerts = build(alertsUri, AlertsApi.class);
        this.windows = build(windowsUri, WindowsApi.class);
        this.nameNode = build(uri("dashboard.namenode-url", config.namenodeUrl()), NameNodeApi.class);
    }

    /**
     * {@code value} as a base URL.
     *
     * @throws IllegalArgumentException naming {@code key} when it is not an http(s) URL with a host
     */
    public static URI uri(String key, String value) {
        try {
            URI u = new URI(value.strip());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new URISyntaxException(value, "not an http:// or https:// URL with a host");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " must be an http:// or https:// URL with a host, such as"
                    + " http://localhost:8085, was '" + value + "'");
        }
    }

    /** The body of a 2xx answer; any other status fails with the service's own error text. */
    public static Uni<String> body(Uni<Response> call) {
        return call.map(r -> {
            String body = text(r);
            if (r.getStatus() / 100 != 2) {
                throw new HttpStatusException(r.getStatus(), Answers.errorText(r.getStatus(), body));
            }
            return body;
        });
    }

    /** The body of any answer as text, "" when it has none. */
    public static String text(Response r) {
        if (!r.hasEntity()) {
            return "";
        }
        String body = r.readEntity(String.class);
        return body == null ? "" : body;
    }

    public List<Service> services() {
        return services;
    }

    public List<Consumer> consumers() {
        return consumers;
    }

    /** Base URL by service name, for the page. */
    public Map<String, String> urls() {
        Map<String, String> out = new LinkedHashMap<>();
        services.forEach(s -> out.put(s.name(), s.url()));
        return out;
    }

    public GeneratorApi generator() {
        return generator;
    }

    public StatsApi stats() {
        return stats;
    }

    public AlertsApi alerts() {
        return alerts;
    }

    public WindowsApi windows() {
        return windows;
    }

    public NameNodeApi nameNode() {
        return nameNode;
    }

    private <T> T build(URI base, Class<T> api) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(api);
    }
}
