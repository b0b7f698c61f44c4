package io.weatherpipeline.windows.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.apache.kafka.streams.errors.InvalidStateStoreException;

import io.weatherpipeline.common.http.ApiInput;
import io.weatherpipeline.windows.Unavailable;

/** Error answers of the API: JSON {@code {"error": "..."}} with a message saying what is wrong and what to do. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static Response error(Response.Status status, String message) {
        return error(status.getStatusCode(), message);
    }

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    public static WebApplicationException fail(Response.Status status, String message) {
        return new WebApplicationException(error(status, message));
    }

    /** 400 for a query parameter {@code endpoint} does not take or one given twice (pipeline-common's rule). */
    public static void onlyParameters(String endpoint, UriInfo uri, List<String> takes) {
        try {
            ApiInput.onlyParameters(endpoint, uri.getQueryParameters(), takes);
        } catch (IllegalArgumentException e) {
            throw fail(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    /** A state store moved or being restored while it was read: 503, a retry will do. */
    @Provider
    public static class StoreMovedMapper implements ExceptionMapper<InvalidStateStoreException> {
        @Override
        public Response toResponse(InvalidStateStoreException e) {
            return Response.fromResponse(error(Response.Status.SERVICE_UNAVAILABLE, "a state store is being moved"
                    + " between instances or restored (" + e.getMessage() + "); try again in a few seconds"))
                    .header("Retry-After", "2").build();
        }
    }

    /** State that cannot be read right now: 503, with what is missing and that a retry will do. */
    @Provider
    public static class UnavailableMapper implements ExceptionMapper<Unavailable> {
        @Override
        public Response toResponse(Unavailable e) {
            return Response.fromResponse(error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()))
                    .header("Retry-After", "2").build();
        }
    }
}
