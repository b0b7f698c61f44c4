package io.weatherpipeline.consumer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;
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
    public List<Map<String, Object>> partitions() throws IOException {
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
    public List<Map<String, Object>> files(@PathParam("partition") int partition) throws IOException {
        if (!writers.claims().contains(partition)) {
            throw new NotFoundException("This consumer does not own partition " + partition + " (it owns "
                    + PartitionClaims.format(writers.claims()) + ")");
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
}
