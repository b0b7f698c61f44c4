package io.weatherpipeline.dashboard;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Template;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.weatherpipeline.common.StationIds;
import io.weatherpipeline.common.http.RequiresWriteToken;
import io.weatherpipeline.common.http.WriteTokenFilter;
import io.weatherpipeline.dashboard.client.Failures;

/**
 * The page and what it calls: {@code GET /} (the page, rendered with Qute), {@code GET /api/snapshot}
 * (everything it shows, as JSON), {@code GET /api/events} (the same, pushed after every refresh as
 * server-sent events), {@code POST /api/stations} and {@code DELETE /api/stations/{id}} (passed on to
 * generator-service with the caller's {@code Authorization} header, whose answer, error text included, comes
 * back as it is; both need the write token when one is configured) and
 * {@code GET /plot/month.svg} (stats-service's chart, passed through so the link works wherever the
 * browser is).
 */
@Path("/")
public class PageResource {

    private static final String SVG = "image/svg+xml";

    private final Template page;
    private final Refresher refresher;
    private final Clients clients;
    private final DashboardConfig config;
    /** Whether the page asks for the write token (the station form). */
    private final boolean tokenRequired;

    PageResource(Template page, Refresher refresher, Clients clients, DashboardConfig config) {
        this.page = page;
        this.refresher = refresher;
        this.clients = clients;
        this.config = config;
        this.tokenRequired = WriteTokenFilter.configured().required();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        String snapshot = refresher.latestJson();
        return page.data("snapshot", snapshot == null ? "" : snapshot)
                .data("refreshMillis", config.refresh().toMillis())
                .data("statsUrl", config.statsUrl())
                .data("recentDays", config.recentDays())
                .data("tokenRequired", tokenRequired)
                .render();
    }

    @GET
    @Path("api/snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    public Response snapshot() {
        String json = refresher.latestJson();
        return json == null ? error(Response.Status.SERVICE_UNAVAILABLE, "no snapshot yet: the first refresh is running")
                : Response.ok(json).build();
    }

    @GET
    @Path("api/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<String> events() {
        return refresher.events();
    }

    @POST
    @Path("api/stations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresWriteToken
    public Uni<Response> addStation(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return relay(clients.generator().add(authorization, body == null ? "" : body));
    }

    @DELETE
    @Path("api/stations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresWriteToken
    public Uni<Response> stopStation(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id) {
        String problem = StationIds.problemWith(id);
        if (problem != null) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, problem));
        }
        return relay(clients.generator().stop(authorization, id));
    }

    @GET
    @Path("plot/month.svg")
    public Uni<Response> monthSvg(@QueryParam("months") String months) {
        return clients.stats().monthSvg(months)
                .map(r -> r.getStatus() == 200 ? Response.ok(Clients.text(r), SVG).build()
                        : Response.status(r.getStatus()).type(MediaType.APPLICATION_JSON).entity(Clients.text(r)).build())
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().recoverWithItem(e -> error(Response.Status.BAD_GATEWAY,
                        "stats-service at " + config.statsUrl() + ": " + Failures.describe(e, config.timeout())));
    }

    /** generator-service's answer as it is, or 502 saying that it did not answer. */
    private Uni<Response> relay(Uni<Response> call) {
        return call.map(r -> {
                    String body = Clients.text(r);
                    Response.ResponseBuilder b = Response.status(r.getStatus());
                    return body.isEmpty() ? b.build() : b.type(MediaType.APPLICATION_JSON).entity(body).build();
                })
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().recoverWithItem(e -> error(Response.Status.BAD_GATEWAY,
                        "generator-service at " + config.generatorUrl() + ": " + Failures.describe(e, config.timeout())));
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
