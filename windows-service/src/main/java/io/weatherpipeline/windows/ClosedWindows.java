package io.weatherpipeline.windows;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.weatherpipeline.windows.api.ApiErrors;
import io.weatherpipeline.windows.hdfs.WindowFileWriter;
import io.weatherpipeline.windows.model.CloserState;
import io.weatherpipeline.windows.model.WindowFile;
import io.weatherpipeline.windows.model.WindowIds;

/**
 * The closed windows, answered on the instance running the window closer: one window's file as JSON,
 * or the last K windows' summaries. A window too old for the store (windows.retention) is read from its
 * HDFS file.
 */
@ApplicationScoped
public class ClosedWindows {

    /** One line of {@code GET /windows}. */
    @JsonPropertyOrder({"id", "start", "end", "total"})
    public record Summary(long id, Instant start, Instant end, long total) {
    }

    /** {@code GET /windows?last=K}: the newest K closed windows, oldest first, and the last window closed. */
    @JsonPropertyOrder({"closed_through", "windows"})
    public record Listing(@JsonProperty("closed_through") Long closedThrough, List<Summary> windows) {
    }

    private final WindowsStreams windows;
    private final WindowFileWriter files;

    ClosedWindows(WindowsStreams windows, WindowFileWriter files) {
        this.windows = windows;
        this.files = files;
    }

    /** Window {@code id}: 200 with its file's JSON, or 404 saying whether it is open, empty or gone. */
    public Response window(long id) {
        Local local = local();
        String json = local.store.get(id);
        if (json != null) {
            return Response.ok(json, MediaType.APPLICATION_JSON).build();
        }
        WindowIds ids = windows.ids();
        Long closedThrough = local.closer.closedThrough();
        String span = "window " + id + " (" + ids.start(id) + " to " + ids.end(id) + ")";
        if (closedThrough == null || id > closedThrough) {
            List<Integer> before = new ArrayList<>();
            for (int p = 0; p < windows.settings().partitionCount(); p++) {
                Long f = local.closer.frontiers().get(p);
                if (f == null || f < id) {
                    before.add(p);
                }
            }
            return ApiErrors.error(Response.Status.NOT_FOUND, span + " is still open: it closes once the stream time of"
                    + " every partition has passed its end + grace (" + ids.graceMs() + " ms); partition(s) " + before
                    + " have not yet. GET /windows/open shows it so far");
        }
        long oldestKept = closedThrough - windows.settings().retainedWindows() + 1;
        if (id < oldestKept) {
            try {
                Optional<String> file = files.read(id);
                if (file.isPresent()) {
                    return Response.ok(file.get(), MediaType.APPLICATION_JSON).build();
                }
            } catch (IOException e) {
                throw new Unavailable(span + " is older than the state store keeps (windows.retention), and its file"
                        + " cannot be read from HDFS: " + e.getMessage());
            }
            return ApiErrors.error(Response.Status.NOT_FOUND, span + " is closed and older than the state store keeps"
                    + " (windows.retention), and HDFS has no " + WindowFile.fileName(id) + ": it had no readings");
        }
        return ApiErrors.error(Response.Status.NOT_FOUND, span + " is closed and had no readings: no window file is"
                + " written for it");
    }

    /** The newest {@code last} closed windows, oldest first. */
    public Listing last(int last) {
        Local local = local();
        List<Summary> out = new ArrayList<>();
        try (KeyValueIterator<Long, String> it = local.store.reverseAll()) {
            while (it.hasNext() && out.size() < last) {
                WindowFile w = WindowFile.parse(it.next().value);
                out.add(0, new Summary(w.id(), w.start(), w.end(), w.total()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("a closed window in the store is not a window file: " + e.getMessage(), e);
        }
        return new Listing(local.closer.closedThrough(), out);
    }

    private record Local(ReadOnlyKeyValueStore<Long, String> store, CloserState closer) {
    }

    private Local local() {
        KafkaStreams s = windows.streams();
        try {
            ReadOnlyKeyValueStore<Long, String> store = LocalState.closedWindows(s);
            CloserState closer = LocalState.closer(s);
            if (store == null || closer == null) {
                throw new Unavailable("the window closer is not running on this instance right now (being moved or"
                        + " restored); try again in a few seconds");
            }
            return new Local(store, closer);
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("the window closer's stores are being restored: " + e.getMessage()
                    + "; try again in a few seconds");
        }
    }
}
