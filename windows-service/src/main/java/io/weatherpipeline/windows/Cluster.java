package io.weatherpipeline.windows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weatherpipeline.windows.model.CloserState;
import io.weatherpipeline.windows.model.PartitionState;
import io.weatherpipeline.windows.topology.WindowsTopology;

/**
 * Answers for all the data when it is split between instances: the partitions' states are read here
 * for this instance's tasks and over HTTP ({@code /internal/...}) from the instances Kafka Streams'
 * metadata names for the others; the closer's questions go to the one instance running the closer.
 * Every answer covers every partition or is refused with {@link Unavailable} naming what is missing.
 *
 * <p>Called on HTTP worker threads; holds no state but the HTTP client.
 */
@ApplicationScoped
public class Cluster {

    /** Path of an instance's own partitions' states. */
    public static final String PARTITIONS_PATH = "/internal/partitions";
    /** Path of the closer's state, on the instance running it. */
    public static final String CLOSER_PATH = "/internal/closer";
    /** Header marking a request one instance forwarded to another (never forwarded again). */
    public static final String FORWARDED = "X-Windows-Forwarded";

    private final WindowsStreams windows;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    Cluster(WindowsStreams windows, ObjectMapper json) {
        this.windows = windows;
        this.json = json;
    }

    /** The running streams, or {@link Unavailable} saying what the service waits for. */
    KafkaStreams running() {
        KafkaStreams s = windows.streams();
        String waiting = windows.waitingFor();
        if (s == null || s.state() != KafkaStreams.State.RUNNING) {
            throw new Unavailable(waiting != null ? waiting : "Kafka Streams is not running");
        }
        return s;
    }

    /** The states of all input partitions, from whichever instance runs each. */
    public List<PartitionState> allPartitions() {
        KafkaStreams s = running();
        int n = windows.settings().partitionCount();
        Map<Integer, PartitionState> found = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (PartitionState p : LocalState.partitions(s, windows.topic(), windows.ids())) {
            found.putIfAbsent(p.partition(), p);
        }
        for (StreamsMetadata m : s.metadataForAllStreamsClients()) {
            if (m.hostInfo().equals(windows.self())) {
                continue;
            }
            TreeSet<Integer> theirs = partitionsOf(m);
            theirs.removeAll(found.keySet());
            if (theirs.isEmpty()) {
                continue;
            }
            try {
                List<PartitionState> remote = get(m.hostInfo(), PARTITIONS_PATH, new TypeReference<List<PartitionState>>() { });
                remote.forEach(p -> found.putIfAbsent(p.partition(), p));
            } catch (IOException e) {
                problems.add("instance " + address(m.hostInfo()) + " (partitions " + theirs + ") did not answer: "
                        + describe(e));
            }
        }
        TreeSet<Integer> missing = new TreeSet<>();
        for (int p = 0; p < n; p++) {
            if (!found.containsKey(p)) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new Unavailable("partition(s) " + missing + " of " + windows.topic() + " cannot be read right now"
                    + (problems.isEmpty() ? " (being moved or restored between instances)" : ": " + String.join("; ", problems))
                    + "; try again in a few seconds");
        }
        return new ArrayList<>(found.values());
    }

    /** The states of the partitions whose tasks run on this instance (empty while not running). */
    public List<PartitionState> localPartitions() {
        KafkaStreams s = windows.streams();
        return s == null || windows.settings() == null ? List.of() : LocalState.partitions(s, windows.topic(), windows.ids());
    }

    /** The closer's state if it runs on this instance, else null. */
    public CloserState localCloser() {
        return LocalState.closer(windows.streams());
    }

    /** The instance running the window closer; {@link Unavailable} when none does right now. */
    public HostInfo closerHost() {
        KafkaStreams s = running();
        KeyQueryMetadata m = s.queryMetadataForKey(WindowsTopology.CLOSED_WINDOWS, 0L, Serdes.Long().serializer());
        if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE) || m.activeHost() == null
                || m.activeHost().equals(HostInfo.unavailable())) {
            throw new Unavailable("the window closer is being moved between instances; try again in a few seconds");
        }
        return m.activeHost();
    }

    public boolean isSelf(HostInfo host) {
        return host.equals(windows.self());
    }

    /** The closer's state, read here or from the instance running it. */
    public CloserState closer() {
        HostInfo host = closerHost();
        if (isSelf(host)) {
            CloserState local = LocalState.closer(running());
            if (local == null) {
                throw new Unavailable("the window closer's stores are being restored; try again in a few seconds");
            }
            return local;
        }
        try {
            return get(host, CLOSER_PATH, new TypeReference<CloserState>() { });
        } catch (IOException e) {
            throw new Unavailable("the instance running the window closer, " + address(host) + ", did not answer: "
                    + describe(e) + "; try again in a few seconds");
        }
    }

    /** A GET of {@code pathAndQuery} on {@code host}, marked as forwarded: its status and body. */
    public HttpResponse<String> forward(HostInfo host, String pathAndQuery) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address(host) + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).header(FORWARDED, windows.self().host() + ":" + windows.self().port())
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private <T> T get(HostInfo host, String path, TypeReference<T> type) throws IOException {
        HttpResponse<String> r = forward(host, path);
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " from " + path + ": " + r.body());
        }
        return json.readValue(r.body(), type);
    }

    private TreeSet<Integer> partitionsOf(StreamsMetadata m) {
        TreeSet<Integer> out = new TreeSet<>();
        for (TopicPartition tp : m.topicPartitions()) {
            if (tp.topic().equals(windows.topic())) {
                out.add(tp.partition());
            }
        }
        return out;
    }

    static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
