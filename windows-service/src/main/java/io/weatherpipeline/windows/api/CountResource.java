package io.weatherpipeline.windows.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.weatherpipeline.windows.Cluster;
import io.weatherpipeline.windows.model.CountField;
import io.weatherpipeline.windows.model.PartitionState;
import io.weatherpipeline.windows.model.PartitionTotals;

/** {@code GET /count?by=station|partition|year|month|total}: all readings so far, over every partition and instance. */
@Path("/count")
@Produces(MediaType.APPLICATION_JSON)
public class CountResource {

    /** The answer: the counts by the field, and the total they add up to. */
    @JsonPropertyOrder({"by", "counts", "total"})
    public record Counts(String by, Map<String, Long> counts, long total) {
    }

    private final Cluster cluster;

    CountResource(Cluster cluster) {
        this.cluster = cluster;
    }

    @GET
    public Counts count(@QueryParam("by") String by, @Context UriInfo uri) {
        ApiErrors.onlyParameters("GET /count", uri, List.of("by"));
        CountField field;
        try {
            field = CountField.parse(by);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.fail(Response.Status.BAD_REQUEST, e.getMessage());
        }
        List<PartitionTotals> totals = cluster.allPartitions().stream().map(PartitionState::totals).toList();
        long total = totals.stream().mapToLong(PartitionTotals::total).sum();
        return new Counts(field.apiName(), field.counts(totals), total);
    }
}
