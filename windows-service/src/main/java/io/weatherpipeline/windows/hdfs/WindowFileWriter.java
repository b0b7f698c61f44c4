package io.weatherpipeline.windows.hdfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.weatherpipeline.common.RetryState;
import io.weatherpipeline.common.hdfs.HdfsClients;
import io.weatherpipeline.windows.WindowsConfig;
import io.weatherpipeline.windows.WindowsStreams;
import io.weatherpipeline.windows.model.WindowFile;
import io.weatherpipeline.windows.topology.WindowsTopology;

/**
 * Writes each closed window to HDFS as {@code <windows.hdfs.dir>/window-<id>.json}, once: on the instance
 * running the window closer, every {@code windows.write-interval} it reads the closed windows store
 * (an interactive query) from the first id it has not written, and writes each window to a temporary
 * file, then renames it into place. The JSON comes from the store as the closer made it, so a window
 * written again (after a crash, or by the closer's next host) has the same bytes; a rename onto an
 * existing file is refused by HDFS, and the writer then compares the two: equal is fine, different is
 * reported (ERROR, metric {@code windows.files.conflicting}) and the published file is kept.
 *
 * <p>HDFS down: the windows wait in the store, the writer retries with a growing pause and readiness
 * says what it waits for.
 *
 * <p>Thread model: the scheduler calls {@link #writeClosed} (never concurrently: SKIP); HTTP threads call
 * {@link #read} and {@link #waitingFor}.
 */
@ApplicationScoped
public class WindowFileWriter {

    private static final Logger LOG = Logger.getLogger(WindowFileWriter.class);

    private final WindowsConfig config;
    private final WindowsStreams streams;
    private final String tempSuffix = ".tmp-" + UUID.randomUUID();
    private final RetryState retry = new RetryState(LOG, Duration.ofMillis(500), Duration.ofSeconds(30),
            "closed windows wait in the state store and are written when it answers");
    private final Counter written;
    private final Counter conflicting;
    private final FileSystem fs;
    private final Path dir;
    /** Ids at or after {@link #next} that are on HDFS already (listed when the closer came to this instance). */
    private Set<Long> existing;
    private long next;

    WindowFileWriter(WindowsConfig config, WindowsStreams streams, MeterRegistry registry) {
        this.config = config;
        this.streams = streams;
        this.written = Counter.builder("windows.files.written").description("window files written to HDFS").register(registry);
        this.conflicting = Counter.builder("windows.files.conflicting")
                .description("window files found on HDFS with other content than the closed window (kept, reported)")
                .register(registry);
        this.fs = HdfsClients.connect(config.hdfs().uri(), "windows.hdfs.uri");
        this.dir = fs.makeQualified(new Path(config.hdfs().dir()));
    }

    /** What the writer waits for (HDFS), or null. */
    public String waitingFor() {
        return retry.waitingFor();
    }

    @Scheduled(every = "${windows.write-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void writeClosed() {
        KafkaStreams s = streams.streams();
        if (s == null || s.state() != KafkaStreams.State.RUNNING) {
            return;
        }
        long now = System.nanoTime();
        if (!streams.hostsCloser()) {
            // The closer runs elsewhere: nothing to write or wait for here; list again if it comes back.
            existing = null;
            next = 0;
            retry.succeeded(now, () -> "the window closer now runs on another instance, which writes the files");
            return;
        }
        if (!retry.mayTry(now)) {
            return;
        }
        String doing = "list the window files in " + config.hdfs().dir();
        try {
            ReadOnlyKeyValueStore<Long, String> store = s.store(StoreQueryParameters.fromNameAndType(
                    WindowsTopology.CLOSED_WINDOWS, QueryableStoreTypes.<Long, String>keyValueStore()).withPartition(0));
            if (existing == null) {
                existing = listExisting();
            }
            try (KeyValueIterator<Long, String> it = store.range(next, Long.MAX_VALUE)) {
                while (it.hasNext()) {
                    KeyValue<Long, String> kv = it.next();
                    doing = "write " + WindowFile.fileName(kv.key) + " into " + config.hdfs().dir();
                    if (!existing.remove(kv.key)) {
                        write(kv.key, kv.value);
                    }
                    next = kv.key + 1;
                }
            }
            retry.succeeded(now, () -> "window files are written again, from window " + next);
        } catch (IOException e) {
            retry.failed(now, "HDFS at " + config.hdfs().uri() + " to " + doing, e);
        } catch (InvalidStateStoreException e) {
            // Being restored, or moved away mid-way: look again next time.
            LOG.debugf("Closed windows store not readable now: %s", e.getMessage());
        }
    }

    /** The file of window {@code id} on HDFS, if there is one. */
    public Optional<String> read(long id) throws IOException {
        Path file = file(id);
        FileSystem f = fs;
        if (!f.exists(file)) {
            return Optional.empty();
        }
        try (InputStream in = f.open(file)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private Set<Long> listExisting() throws IOException {
        FileSystem f = fs;
        Set<Long> ids = new HashSet<>();
        if (!f.exists(dir)) {
            f.mkdirs(dir);
            return ids;
        }
        for (FileStatus st : f.listStatus(dir)) {
            long id = WindowFile.idOf(st.getPath().getName());
            if (id >= 0) {
                ids.add(id);
            }
        }
        LOG.infof("%d window file(s) already in %s; writing the closed windows not among them", ids.size(), dir);
        return ids;
    }

    private void write(long id, String json) throws IOException {
        FileSystem f = fs;
        Path target = file(id);
        Path tmp = f.makeQualified(new Path(dir, "." + WindowFile.fileName(id) + tempSuffix));
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try (FSDataOutputStream out = f.create(tmp, true)) {
            out.write(bytes);
            out.hsync();
        }
        if (f.rename(tmp, target)) {
            written.increment();
            LOG.debugf("Wrote %s (%d bytes)", target, bytes.length);
            return;
        }
        // HDFS refuses to rename onto an existing file: someone wrote this window already.
        Optional<String> there = read(id);
        f.delete(tmp, false);
        if (there.isEmpty()) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
        if (!there.get().equals(json)) {
            conflicting.increment();
            LOG.errorf("%s on HDFS differs from closed window %d as the state store holds it; the published file is"
                    + " kept. On HDFS: %s; in the store: %s", target, id, there.get(), json);
        }
    }

    private Path file(long id) {
        return new Path(dir, WindowFile.fileName(id));
    }

    @PreDestroy
    void close() throws IOException {
        fs.close();
    }
}
