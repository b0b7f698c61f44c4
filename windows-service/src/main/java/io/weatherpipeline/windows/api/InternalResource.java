package io.weatherpipeline.windows.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.weatherpipeline.windows.Cluster;
import io.weatherpipeline.windows.model.CloserState;
import io.weatherpipeline.windows.model.PartitionState;

/**
 * What instances ask each other (not for clients): this instance's own partitions' states, and the
 * window closer's state when it runs here.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public class InternalResource {

    private final Cluster cluster;

    InternalResource(Cluster cluster) {
        this.cluster = cluster;
    }

    @GET
    @Path("/partitions")
    public List<PartitionState> partitions() {
        return cluster.localPartitions();
    }

    @GET
    @Path("/closer")
    public CloserState closer() {
        CloserState c = cluster.localCloser();
        if (c == null) {
            throw ApiErrors.fail(Response.Status.NOT_FOUND, "the window closer does not run on this instance");
        }
        return c;
    }
}
