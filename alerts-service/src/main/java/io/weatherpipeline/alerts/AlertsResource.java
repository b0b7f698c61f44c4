package io.weatherpipeline.alerts;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.weatherpipeline.alerts.model.AlertQuery;
import io.weatherpipeline.alerts.model.StationSummary;
import io.weatherpipeline.alerts.model.StoredAlert;
import io.weatherpipeline.common.http.ApiInput;

/**
 * The stored alerts: {@code GET /alerts?station=&from=&to=&limit=} (newest day first) and
 * {@code GET /alerts/summary} (per station). Both read committed rows only.
 */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    /** The query parameters of {@code GET /alerts}, as named in the method below. */
    private static final List<String> PARAMETERS = List.of("station", "from", "to", "limit");

    private final AlertStore store;
    private final String databaseUrl;

    AlertsResource(AlertStore store, @ConfigProperty(name = AlertsBeans.URL_KEY) String databaseUrl) {
        this.store = store;
        this.databaseUrl = databaseUrl;
    }

    @GET
    public Uni<List<StoredAlert>> alerts(@RestQuery String station, @RestQuery String from, @RestQuery String to,
            @RestQuery String limit, @Context UriInfo uri) {
        AlertQuery query;
        try {
            ApiInput.onlyParameters("GET /alerts", uri.getQueryParameters(), PARAMETERS);
            query = AlertQuery.parse(station, from, to, limit);
        } catch (IllegalArgumentException e) {
            throw error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        return store.find(query).onFailure().transform(this::unavailable);
    }

    @GET
    @Path("/summary")
    public Uni<List<StationSummary>> summary(@Context UriInfo uri) {
        try {
            ApiInput.onlyParameters("GET /alerts/summary", uri.getQueryParameters(), List.of());
        } catch (IllegalArgumentException e) {
            throw error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        return store.summary().onFailure().transform(this::unavailable);
    }

    private Throwable unavailable(Throwable e) {
        return e instanceof WebApplicationException ? e : error(Response.Status.SERVICE_UNAVAILABLE,
                "MySQL at " + databaseUrl + " did not answer: " + e.getMessage());
    }

    static WebApplicationException error(Response.Status status, String message) {
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message)).build());
    }
}
