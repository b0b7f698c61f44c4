package io.weatherpipeline.dashboard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** The HDFS NameNode's web port: {@code GET /jmx?qry=...}, its metrics as JSON. */
@Path("/jmx")
public interface NameNodeApi {

    /** The bean that counts live and dead DataNodes. */
    String FS_STATE = "Hadoop:service=NameNode,name=FSNamesystemState";

    @GET
    Uni<Response> jmx(@QueryParam("qry") String query);
}
