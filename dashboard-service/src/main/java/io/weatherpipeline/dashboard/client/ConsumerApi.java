package io.weatherpipeline.dashboard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** consumer-service: {@code GET /partitions}, each owned partition's checkpoint. */
@Path("/partitions")
public interface ConsumerApi {

    @GET
    Uni<Response> partitions();
}
