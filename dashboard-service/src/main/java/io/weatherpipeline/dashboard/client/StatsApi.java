package io.weatherpipeline.dashboard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** stats-service: {@code GET /stats} (station → month → year) and {@code GET /plot/month.svg}. */
@Path("/")
public interface StatsApi {

    @GET
    @Path("stats")
    Uni<RestResponse<String>> stats();

    @GET
    @Path("plot/month.svg")
    Uni<RestResponse<String>> monthSvg(@QueryParam("months") String months);
}
