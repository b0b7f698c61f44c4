package io.weatherpipeline.generator;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.weatherpipeline.common.StationIds;
import io.weatherpipeline.common.http.NewStationBody;
import io.weatherpipeline.common.http.RequiresWriteToken;

/**
 * The simulated stations: list them, add one at run time, stop one. Adding and stopping change state:
 * they need the write token when one is configured ({@link RequiresWriteToken}).
 */
@Path("/stations")
@Produces(MediaType.APPLICATION_JSON)
public class StationResource {

    /** A station as the API shows it. */
    public record StationView(@JsonProperty("station_id") String stationId, boolean active,
            @JsonProperty("last_date") LocalDate lastDate) {
    }

    private final StationCalendar calendar;
    private final TemperatureRepository repository;
    private final WeatherGenerator generator;
    private final ObjectMapper json;

    StationResource(StationCalendar calendar, TemperatureRepository repository, WeatherGenerator generator,
            ObjectMapper json) {
        this.calendar = calendar;
        this.repository = repository;
        this.generator = generator;
        this.json = json;
    }

    @GET
    public List<StationView> list() {
        return calendar.all().stream().map(this::view).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresWriteToken
    public Uni<Response> add(String body) {
        NewStationBody request = NewStationBody.parse(json, body);
        if (request.problem() != null) {
            return Uni.createFrom().item(error(Status.BAD_REQUEST, request.problem()));
        }
        if (!generator.isRestored()) {
            return Uni.createFrom().item(error(Status.SERVICE_UNAVAILABLE, "the generator is still waiting for MySQL"));
        }
        String id = request.stationId();
        if (calendar.isActive(id)) {
            return Uni.createFrom().item(error(Status.CONFLICT, "station " + id + " already exists"));
        }
        // Remembered first, so a restart right after the answer still knows the station.
        return repository.saveStation(id, true)
                .map(ignored -> {
                    try {
                        return Response.status(Status.CREATED).entity(view(calendar.add(id))).build();
                    } catch (IllegalStateException e) {
                        return error(Status.CONFLICT, e.getMessage());
                    }
                });
    }

    @DELETE
    @Path("/{id}")
    @RequiresWriteToken
    public Uni<Response> stop(@PathParam("id") String id) {
        String problem = StationIds.problemWith(id);
        if (problem != null) {
            return Uni.createFrom().item(error(Status.BAD_REQUEST, problem));
        }
        if (!calendar.isActive(id)) {
            return Uni.createFrom().item(error(Status.NOT_FOUND, "no active station " + id));
        }
        return repository.saveStation(id, false)
                .map(ignored -> calendar.stop(id) ? Response.noContent().build()
                        : error(Status.NOT_FOUND, "no active station " + id));
    }

    private StationView view(StationCalendar.Station s) {
        return new StationView(s.id(), s.active(), s.lastDate(calendar.startDate()));
    }

    private static Response error(Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
