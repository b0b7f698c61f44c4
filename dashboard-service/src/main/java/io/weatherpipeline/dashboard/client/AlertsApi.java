package io.weatherpipeline.dashboard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** alerts-service (issue #13): {@code GET /alerts?limit=} newest first, {@code GET /alerts/summary}. */
@Path("/alerts")
public interface AlertsApi {

    @GET
    Uni<Response> latest(@QueryParam("limit") int limit);

    @GET
    @Path("/summary")
    Uni<Response> summary();
}
