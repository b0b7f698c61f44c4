package io.weatherpipeline.dashboard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** What every Quarkus service of the pipeline answers: readiness and Prometheus metrics. */
@Path("/q")
public interface HealthApi {

    @GET
    @Path("/health/ready")
    Uni<Response> ready();

    @GET
    @Path("/metrics")
    Uni<Response> metrics();
}
