package io.weatherpipeline.common.http;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weatherpipeline.common.StationIds;

/**
 * The body of a request that adds a station, {@value #EXAMPLE}, read strictly: a JSON object with exactly
 * one text field {@code station_id} that passes {@link StationIds}. generator-service's
 * {@code POST /stations} and windows-service's {@code POST /sources} read it the same way. Pure.
 *
 * @param stationId the id, when the body is good
 * @param problem what is wrong with the body (for a 400), or null
 */
public record NewStationBody(String stationId, String problem) {

    public static final String EXAMPLE = "{\"station_id\": \"StationK\"}";

    /** Reads {@code body} (null: none). */
    public static NewStationBody parse(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return refused("the body is empty; send " + EXAMPLE);
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            return refused("the body is not JSON (" + e.getOriginalMessage() + "); send " + EXAMPLE);
        }
        if (node == null || !node.isObject()) {
            return refused("the body must be a JSON object like " + EXAMPLE);
        }
        JsonNode id = node.get("station_id");
        if (id == null || !id.isTextual()) {
            return refused("the body has no text field station_id; send " + EXAMPLE);
        }
        List<String> extra = new ArrayList<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!f.equals("station_id")) {
                extra.add(f);
            }
        });
        if (!extra.isEmpty()) {
            return refused("unknown field(s) " + extra + "; send " + EXAMPLE);
        }
        String problem = StationIds.problemWith(id.asText());
        return problem == null ? new NewStationBody(id.asText(), null) : refused(problem);
    }

    private static NewStationBody refused(String problem) {
        return new NewStationBody(null, problem);
    }
}
