package io.weatherpipeline.windows.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * generator-service's station API ({@code StationResource}): {@code POST /stations} adds a station that
 * starts reporting from the generator's current day; the caller's {@code Authorization} header (the write
 * token, null when none) goes with it. Base URL {@code windows.generator-url}; timeouts in
 * application.properties ({@code quarkus.rest-client.generator.*}).
 */
@RegisterRestClient(configKey = "generator")
@Path("/stations")
public interface GeneratorClient {

    /** The body generator-service expects. */
    record NewStation(@JsonProperty("station_id") String stationId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response add(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewStation station);
}
