package io.weatherpipeline.windows.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weatherpipeline.common.http.NewStationBody;
import io.weatherpipeline.common.http.RequiresWriteToken;
import io.weatherpipeline.windows.Cluster;
import io.weatherpipeline.windows.WindowsConfig;
import io.weatherpipeline.windows.model.PartitionState;
import io.weatherpipeline.windows.model.StationStats;

/**
 * The sources (the original web server's {@code listSources} and {@code addSource}): {@code GET /sources}
 * lists the stations seen so far with their first and last reading date; {@code POST /sources} with
 * {@code {"station_id": "StationK"}} asks generator-service to add a station, after checking the body by
 * the generator's own rule ({@link NewStationBody}). Adding changes state: it needs the write token when one
 * is configured, and passes the caller's {@code Authorization} on to the generator.
 */
@Path("/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    /** One station seen. */
    @JsonPropertyOrder({"station_id", "partitions", "readings", "first_date", "last_date"})
    public record Source(@JsonProperty("station_id") String stationId, List<Integer> partitions, long readings,
            @JsonProperty("first_date") LocalDate firstDate, @JsonProperty("last_date") LocalDate lastDate) {
    }

    /** {@code GET /sources}. */
    public record Sources(List<Source> sources) {
    }

    private final Cluster cluster;
    private final GeneratorClient generator;
    private final ObjectMapper json;
    private final String generatorUrl;

    SourceResource(Cluster cluster, @RestClient GeneratorClient generator, ObjectMapper json, WindowsConfig config) {
        this.cluster = cluster;
        this.generator = generator;
        this.json = json;
        this.generatorUrl = config.generatorUrl();
    }

    @GET
    public Sources list(@Context UriInfo uri) {
        ApiErrors.onlyParameters("GET /sources", uri, List.of());
        Map<String, StationStats> stats = new TreeMap<>();
        Map<String, TreeSet<Integer>> partitions = new TreeMap<>();
        for (PartitionState p : cluster.allPartitions()) {
            p.totals().stations().forEach((station, s) -> {
                stats.merge(station, s, StationStats::merge);
                partitions.computeIfAbsent(station, k -> new TreeSet<>()).add(p.partition());
            });
        }
        List<Source> out = new ArrayList<>();
        stats.forEach((station, s) -> out.add(new Source(station, List.copyOf(partitions.get(station)), s.count(),
                s.firstDate(), s.lastDate())));
        return new Sources(out);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RequiresWriteToken
    public Response add(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        NewStationBody request = NewStationBody.parse(json, body);
        if (request.problem() != null) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, request.problem());
        }
        String id = request.stationId();
        Response answer;
        try {
            answer = generator.add(authorization, new GeneratorClient.NewStation(id));
        } catch (WebApplicationException e) {
            answer = e.getResponse();
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return ApiErrors.error(Response.Status.BAD_GATEWAY, "generator-service at " + generatorUrl
                    + " did not answer (" + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    + "); station " + id + " was not added. Start generator-service (./weather up) or set"
                    + " windows.generator-url");
        }
        String reply = answer.hasEntity() ? answer.readEntity(String.class) : "";
        int status = answer.getStatus();
        if (status == 201 || status == 400 || status == 409 || status == 503) {
            // The generator's own answer: created, refused, already there, or waiting for MySQL.
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(reply).build();
        }
        return ApiErrors.error(Response.Status.BAD_GATEWAY, "generator-service at " + generatorUrl
                + " answered POST /stations with HTTP " + status + ": " + reply);
    }
}
