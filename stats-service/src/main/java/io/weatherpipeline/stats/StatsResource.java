package io.weatherpipeline.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.weatherpipeline.common.http.ApiInput;
import io.weatherpipeline.pinning.PartitionClaims;
import io.weatherpipeline.stats.model.PartitionStats;
import io.weatherpipeline.stats.model.StatsFile;

/**
 * The statistics as written: {@code GET /stats} merges the files of the owned partitions (station →
 * month → year), {@code GET /stats/{partition}} is one file byte for byte. Both read the files, never
 * the live counts, so they show what survives a crash.
 */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final StatsWriter writer;

    StatsResource(StatsWriter writer) {
        this.writer = writer;
    }

    @GET
    public String all(@Context UriInfo uri) throws IOException {
        try {
            ApiInput.onlyParameters("GET /stats", uri.getQueryParameters(), List.of());
        } catch (IllegalArgumentException e) {
            throw error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        List<PartitionStats> owned = writer.store().readAll().stream()
                .filter(p -> writer.claims().contains(p.partition())).toList();
        return StatsFile.mergedJson(owned);
    }

    @GET
    @Path("/{partition}")
    public Response one(@PathParam("partition") String partition, @Context UriInfo uri) throws IOException {
        String owned = PartitionClaims.format(writer.claims());
        int p;
        try {
            ApiInput.onlyParameters("GET /stats/{partition}", uri.getQueryParameters(), List.of());
            p = ApiInput.partition(partition, owned);
        } catch (IllegalArgumentException e) {
            throw error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        if (!writer.claims().contains(p)) {
            throw error(Response.Status.NOT_FOUND, "partition " + p + " is not owned by this instance (stats.partitions="
                    + owned + "): ask the instance that owns it");
        }
        try {
            return Response.ok(Files.readString(writer.store().file(p), StandardCharsets.UTF_8)).build();
        } catch (NoSuchFileException e) {
            throw error(Response.Status.NOT_FOUND, "partition " + p + " has no statistics file yet ("
                    + writer.store().file(p) + ")");
        }
    }

    static WebApplicationException error(Response.Status status, String message) {
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message)).build());
    }
}
