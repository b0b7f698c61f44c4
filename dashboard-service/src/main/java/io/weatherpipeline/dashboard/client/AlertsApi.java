package io.weatherpipeline.dashboard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** alerts-service (issue #13): {@code GET /alerts?limit=} newest first, {@code GET /alerts/summary}. */
@Path("/alerts")
public interface AlertsApi {

    @GET
    Uni<RestResponse<String>> latest(@QueryParam("limit") int limit);

    @GET
    @Path("/summary")
    Uni<RestResponse<String>> summary();
}
