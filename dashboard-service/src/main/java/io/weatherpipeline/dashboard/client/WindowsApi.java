package io.weatherpipeline.dashboard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** windows-service (issue #14): {@code GET /windows?last=K}, {@code GET /window?id=N}, {@code GET /windows/open}. */
@Path("/")
public interface WindowsApi {

    @GET
    @Path("windows")
    Uni<Response> last(@QueryParam("last") int last);

    @GET
    @Path("window")
    Uni<Response> window(@QueryParam("id") long id);

    @GET
    @Path("windows/open")
    Uni<Response> open();
}
