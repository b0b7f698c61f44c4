package io.weatherpipeline.dashboard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** What every Quarkus service of the pipeline answers: readiness and Prometheus metrics. */
@Path("/q")
public interface HealthApi {

    @GET
    @Path("/health/ready")
    Uni<RestResponse<String>> ready();

    @GET
    @Path("/metrics")
    Uni<RestResponse<String>> metrics();
}
