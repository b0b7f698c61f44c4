package io.weatherpipeline.stats;

import java.io.IOException;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.weatherpipeline.common.http.ApiInput;
import io.weatherpipeline.stats.chart.MonthChart;
import io.weatherpipeline.stats.model.StatsFile;

/**
 * {@code GET /plot/month.svg}: the average maximum temperature of the latest year of January, February
 * and March per station, drawn from whichever statistics files exist; {@code ?months=April,May} picks
 * other months.
 */
@Path("/plot")
public class PlotResource {

    /** The SVG media type. */
    public static final String SVG = "image/svg+xml";
    /** All twelve month names, comma-separated, with room for spaces. */
    static final int MAX_MONTHS_LENGTH = 120;

    private final StatsWriter writer;

    PlotResource(StatsWriter writer) {
        this.writer = writer;
    }

    @GET
    @Path("/" + MonthChart.FILE_NAME)
    @Produces(SVG)
    public Response month(@QueryParam("months") String months, @Context UriInfo uri) throws IOException {
        try {
            ApiInput.onlyParameters("GET /plot/" + MonthChart.FILE_NAME, uri.getQueryParameters(), List.of("months"));
        } catch (IllegalArgumentException e) {
            throw StatsResource.error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        List<Month> chosen = months == null || months.isBlank() ? MonthChart.DEFAULT_MONTHS : parse(months);
        return Response.ok(MonthChart.svg(writer.store().readAll(), chosen), SVG).build();
    }

    private static List<Month> parse(String text) {
        if (text.length() > MAX_MONTHS_LENGTH) {
            throw StatsResource.error(Response.Status.BAD_REQUEST, "months is " + text.length() + " characters long, at most "
                    + MAX_MONTHS_LENGTH + ": up to twelve month names (January … December), comma-separated");
        }
        List<Month> out = new ArrayList<>();
        for (String name : text.split(",")) {
            try {
                Month m = StatsFile.monthNamed(name.trim());
                if (out.contains(m)) {
                    throw StatsResource.error(Response.Status.BAD_REQUEST, name.trim() + " is named twice in months=" + text);
                }
                out.add(m);
            } catch (IllegalArgumentException e) {
                throw StatsResource.error(Response.Status.BAD_REQUEST, "months=" + text + ": " + e.getMessage()
                        + " (months are January … December, comma-separated)");
            }
        }
        if (out.isEmpty()) {
            throw StatsResource.error(Response.Status.BAD_REQUEST, "months=" + text + " names no month"
                    + " (months are January … December, comma-separated)");
        }
        return out;
    }
}
