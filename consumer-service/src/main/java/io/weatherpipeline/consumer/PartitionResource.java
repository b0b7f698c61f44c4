package io.weatherpipeline.consumer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

import io.smallrye.common.annotation.Blocking;
import io.weatherpipeline.common.http.ApiInput;
import io.weatherpipeline.consumer.batch.BatchFileName;
import io.weatherpipeline.consumer.batch.BatchFooter;
import io.weatherpipeline.consumer.batch.CommittedBatches;
import io.weatherpipeline.consumer.writer.PartitionWriters;
import io.weatherpipeline.pinning.PartitionClaims;

/**
 * What this consumer has committed, read the way any reader should ({@link CommittedBatches}):
 * {@code GET /partitions} (checkpoints) and {@code GET /partitions/{n}/files} (committed files with
 * their footers).
 */
@Path("/partitions")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PartitionResource {

    private final PartitionWriters writers;
    private final CommittedBatches committed;

    PartitionResource(PartitionWriters writers) {
        this.writers = writers;
        this.committed = new CommittedBatches(writers.files(), writers.checkpoints());
    }

    @GET
    public List<Map<String, Object>> partitions(@Context UriInfo uri) throws IOException {
        try {
            ApiInput.onlyParameters("GET /partitions", uri.getQueryParameters(), List.of());
        } catch (IllegalArgumentException e) {
            throw error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int p : writers.claims()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("partition", p);
            m.put("assigned", writers.held().contains(p));
            committed.checkpoint(p).ifPresent(c -> {
                m.put("batch_id", c.batchId());
                m.put("offset", c.offset());
            });
            out.add(m);
        }
        return out;
    }

    @GET
    @Path("/{partition}/files")
    public List<Map<String, Object>> files(@PathParam("partition") String text, @Context UriInfo uri) throws IOException {
        String owned = PartitionClaims.format(writers.claims());
        int partition;
        try {
            ApiInput.onlyParameters("GET /partitions/{partition}/files", uri.getQueryParameters(), List.of());
            partition = ApiInput.partition(text, owned);
        } catch (IllegalArgumentException e) {
            throw error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        if (!writers.claims().contains(partition)) {
            throw error(Response.Status.NOT_FOUND, "partition " + partition + " is not owned by this consumer"
                    + " (consumer.partitions=" + owned + "): ask the consumer that owns it");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (BatchFooter f : committed.footers(partition)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", writers.files().path(BatchFileName.complete(partition, f.batchId())).toString());
            m.put("batch_id", f.batchId());
            m.put("start_offset", f.startOffset());
            m.put("next_offset", f.nextOffset());
            m.put("rows", f.rows());
            m.put("dead_lettered_offsets", f.deadLetteredOffsets());
            out.add(m);
        }
        return out;
    }

    private static WebApplicationException error(Response.Status status, String message) {
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message)).build());
    }
}
