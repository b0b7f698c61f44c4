package io.weatherpipeline.dashboard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** stats-service: {@code GET /stats} (station → month → year) and {@code GET /plot/month.svg}. */
@Path("/")
public interface StatsApi {

    @GET
    @Path("stats")
    Uni<Response> stats();

    @GET
    @Path("plot/month.svg")
    Uni<Response> monthSvg(@QueryParam("months") String months);
}
