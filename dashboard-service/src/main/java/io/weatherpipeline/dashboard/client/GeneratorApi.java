package io.weatherpipeline.dashboard.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** generator-service: {@code GET/POST /stations}, {@code DELETE /stations/{id}}. */
@Path("/stations")
public interface GeneratorApi {

    @GET
    Uni<Response> stations();

    /**
     * {@code body} is the JSON object the form sent, passed on as it is; {@code authorization} the caller's
     * header (the write token), null when it sent none.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> add(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);

    @DELETE
    @Path("/{id}")
    Uni<Response> stop(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id);
}
