package io.weatherpipeline.windows.api;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.apache.kafka.streams.state.HostInfo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.weatherpipeline.windows.ClosedWindows;
import io.weatherpipeline.windows.Cluster;
import io.weatherpipeline.windows.Unavailable;
import io.weatherpipeline.windows.WindowsStreams;
import io.weatherpipeline.windows.model.CloserState;
import io.weatherpipeline.windows.model.OpenWindow;

/**
 * The windows: {@code GET /window?id=N} (a closed window's file), {@code GET /windows?last=K} (the newest
 * K closed windows), {@code GET /windows/open} (the windows not closed yet, so far). Closed windows live
 * with the window closer, on one instance; another instance forwards the question there.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class WindowResource {

    /** Most windows one {@code GET /windows} lists. */
    public static final int MAX_LAST = 1000;

    /** {@code GET /windows/open}. */
    @JsonPropertyOrder({"closed_through", "windows"})
    public record Open(@JsonProperty("closed_through") Long closedThrough, List<OpenWindow> windows) {
    }

    private final Cluster cluster;
    private final ClosedWindows closed;
    private final WindowsStreams streams;

    WindowResource(Cluster cluster, ClosedWindows closed, WindowsStreams streams) {
        this.cluster = cluster;
        this.closed = closed;
        this.streams = streams;
    }

    @GET
    @Path("/window")
    public Response window(@QueryParam("id") String id, @HeaderParam(Cluster.FORWARDED) String forwardedBy,
            @Context UriInfo uri) {
        ApiErrors.onlyParameters("GET /window", uri, List.of("id"));
        long n = number("id", id, Long.MAX_VALUE, "a window id: a whole number, 0 or more (window start / windows.size)");
        HostInfo closer = cluster.closerHost();
        if (!cluster.isSelf(closer)) {
            return forward(closer, "/window?id=" + n, forwardedBy);
        }
        return closed.window(n);
    }

    @GET
    @Path("/windows")
    public Response windows(@QueryParam("last") String last, @HeaderParam(Cluster.FORWARDED) String forwardedBy,
            @Context UriInfo uri) {
        ApiErrors.onlyParameters("GET /windows", uri, List.of("last"));
        int k = last == null ? 10 : (int) number("last", last, MAX_LAST, "how many windows: 1 to " + MAX_LAST);
        if (k < 1) {
            throw ApiErrors.fail(Response.Status.BAD_REQUEST, "last=" + last + " is not how many windows: 1 to " + MAX_LAST);
        }
        HostInfo closer = cluster.closerHost();
        if (!cluster.isSelf(closer)) {
            return forward(closer, "/windows?last=" + k, forwardedBy);
        }
        return Response.ok(closed.last(k)).build();
    }

    @GET
    @Path("/windows/open")
    public Open open(@Context UriInfo uri) {
        ApiErrors.onlyParameters("GET /windows/open", uri, List.of());
        CloserState closer = cluster.closer();
        List<OpenWindow> open = OpenWindow.of(streams.ids(), streams.settings().partitionCount(), closer,
                cluster.allPartitions());
        return new Open(closer.closedThrough(), open);
    }

    private Response forward(HostInfo closer, String pathAndQuery, String forwardedBy) {
        if (forwardedBy != null) {
            throw new Unavailable("the window closer is moving between instances (" + forwardedBy + " sent this here);"
                    + " try again in a few seconds");
        }
        try {
            HttpResponse<String> r = cluster.forward(closer, pathAndQuery);
            return Response.status(r.statusCode()).type(MediaType.APPLICATION_JSON).entity(r.body()).build();
        } catch (IOException e) {
            throw new Unavailable("the instance running the window closer, " + closer.host() + ":" + closer.port()
                    + ", did not answer (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); try again in a few seconds");
        }
    }

    /** A whole number 0..max from a query parameter, or 400 naming the parameter and what it should be. */
    static long number(String name, String value, long max, String what) {
        if (value == null || value.isBlank()) {
            throw ApiErrors.fail(Response.Status.BAD_REQUEST, name + "= is missing: " + what);
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiErrors.fail(Response.Status.BAD_REQUEST, name + "=" + value + " is not " + what);
        }
        if (n < 0 || n > max) {
            throw ApiErrors.fail(Response.Status.BAD_REQUEST, name + "=" + value + " is out of range: " + what);
        }
        return n;
    }
}
