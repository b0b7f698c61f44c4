package io.weatherpipeline.windows;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.LogAndSkipOnInvalidTimestamp;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.kafka.streams.runtime.KafkaStreamsPropertiesUtil;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.weatherpipeline.common.RetryState;
import io.weatherpipeline.common.Threads;
import io.weatherpipeline.common.kafka.KafkaTopics;
import io.weatherpipeline.windows.model.WindowIds;
import io.weatherpipeline.windows.topology.WindowsTopology;

/**
 * Starts and stops the Kafka Streams application. We start it ourselves rather than through the
 * extension's {@code Topology} producer because the topology needs the input topic's partition count
 * (a window closes when every partition has closed it), which can only be read once Kafka answers: a
 * start-up thread waits for Kafka and the topic with a growing pause ({@link RetryState}, shown on
 * readiness), then builds the topology and starts it. The extension still provides Kafka Streams,
 * RocksDB and the {@code kafka-streams.*} settings.
 *
 * <p>A stream thread that dies (e.g. Kafka away longer than {@code task.timeout.ms}) is replaced after a
 * growing pause; under exactly-once its tasks restart from their last commit.
 *
 * <p>Thread model: the start-up thread ({@code windows-streams-start}) sets {@link #streams} once;
 * stream threads call the exception handler; HTTP and scheduler threads read the volatile fields.
 */
@ApplicationScoped
public class WindowsStreams {

    private static final Logger LOG = Logger.getLogger(WindowsStreams.class);

    private final WindowsConfig config;
    private final StreamsEvents events;
    private final MeterRegistry registry;
    private final String bootstrap;
    private final String applicationId;
    private final HostInfo self;
    private final WindowIds ids;
    private final RetryState startRetry = new RetryState(LOG, Duration.ofMillis(500), Duration.ofSeconds(15),
            "nothing is read before it");
    private final RetryState threadRetry = new RetryState(LOG, Duration.ofSeconds(1), Duration.ofSeconds(30),
            "the thread's tasks resume from their last commit");
    private volatile KafkaStreams streams;
    private volatile WindowsTopology.Settings settings;
    private volatile boolean stopping;
    private Thread starter;

    WindowsStreams(WindowsConfig config, StreamsEvents events, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId,
            @ConfigProperty(name = "quarkus.kafka-streams.application-server") String applicationServer) {
        this.config = config;
        this.events = events;
        this.registry = registry;
        this.bootstrap = bootstrap;
        this.applicationId = applicationId;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
        this.ids = WindowIds.of(config.size(), config.grace());
        if (config.retention().toMillis() < ids.sizeMs()) {
            throw new IllegalArgumentException("windows.retention (" + config.retention()
                    + ") must be at least one window (windows.size=" + config.size() + ")");
        }
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("Windows of %s on %s, grace %s; application %s, this instance %s:%d; waiting for Kafka at %s",
                config.size(), config.topic(), config.grace(), applicationId, self.host(), self.port(), bootstrap);
        starter = Threads.startDaemon("windows-streams-start", this::startWhenKafkaAnswers);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (starter != null) {
            starter.interrupt();
        }
        KafkaStreams s = streams;
        if (s != null) {
            s.close(Duration.ofSeconds(20));
        }
    }

    /** The running Kafka Streams application, or null while it waits for Kafka. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The topology's settings (partition count included), or null before the start. */
    public WindowsTopology.Settings settings() {
        return settings;
    }

    public WindowIds ids() {
        return ids;
    }

    /** Whether the window closer's task runs on this instance now. */
    public boolean hostsCloser() {
        return LocalState.hostsCloser(streams);
    }

    /** This instance's {@code application.server}. */
    public HostInfo self() {
        return self;
    }

    public String topic() {
        return config.topic();
    }

    /** What the start waits for, or what Kafka Streams is doing when not RUNNING; null when running. */
    public String waitingFor() {
        KafkaStreams s = streams;
        if (s == null) {
            String w = startRetry.waitingFor();
            return w != null ? w : "Kafka Streams is starting";
        }
        KafkaStreams.State state = s.state();
        return switch (state) {
            case RUNNING -> threadRetry.waitingFor();
            case REBALANCING -> "Kafka Streams is REBALANCING: partitions are being assigned, or their state restored"
                    + " from the changelogs";
            default -> "Kafka Streams is " + state;
        };
    }

    private void startWhenKafkaAnswers() {
        int partitions;
        try (Admin admin = Admin.create(KafkaTopics.adminConfig(bootstrap))) {
            partitions = partitionCount(admin);
        } catch (InterruptedException e) {
            return;
        }
        if (partitions < 0) {
            return;
        }
        settings = new WindowsTopology.Settings(config.topic(), ids, partitions, config.retention());
        Topology topology = WindowsTopology.build(settings, events);
        KafkaStreams s = new KafkaStreams(topology, properties());
        s.setStateListener((now, before) -> {
            LOG.infof("Kafka Streams %s -> %s%s", before, now, now == KafkaStreams.State.RUNNING
                    ? " with partition(s) " + LocalState.activePartitions(streams, config.topic()) + " of " + config.topic()
                    : "");
            if (now == KafkaStreams.State.RUNNING) {
                synchronized (threadRetry) {
                    threadRetry.succeeded(System.nanoTime(), () -> "Kafka Streams is running");
                }
            }
        });
        s.setUncaughtExceptionHandler(e -> {
            Duration pause;
            synchronized (threadRetry) {
                pause = threadRetry.failed(System.nanoTime(), "Kafka at " + bootstrap + " (a stream thread failed and"
                        + " is replaced)", e);
            }
            LOG.warnf(e, "A stream thread failed; replacing it in %d ms", pause.toMillis());
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        new KafkaStreamsMetrics(s).bindTo(registry);
        streams = s;
        if (!stopping) {
            s.start();
        }
    }

    /** Partitions of the topic, once Kafka answers and the topic exists; -1 when stopped first. */
    private int partitionCount(Admin admin) throws InterruptedException {
        while (!stopping) {
            long now = System.nanoTime();
            try {
                int n = KafkaTopics.partitionCount(admin, config.topic(), Duration.ofSeconds(5));
                startRetry.succeeded(now, () -> "topic " + config.topic() + " has " + n + " partition(s); starting Kafka Streams");
                LOG.infof("Topic %s has %d partition(s): a window closes when all of them have passed its end + grace",
                        config.topic(), n);
                return n;
            } catch (ExecutionException e) {
                Duration pause = e.getCause() instanceof UnknownTopicOrPartitionException
                        ? startRetry.failed(now, "topic " + config.topic() + " on Kafka at " + bootstrap
                                + " (producer-service creates it)", e.getCause())
                        : startRetry.failed(now, "Kafka at " + bootstrap + " to read the partitions of topic "
                                + config.topic(), e.getCause());
                Thread.sleep(pause.toMillis());
            } catch (TimeoutException e) {
                Duration pause = startRetry.failed(now, "Kafka at " + bootstrap + " to read the partitions of topic "
                        + config.topic(), new TimeoutException("no answer in 5 s"));
                Thread.sleep(pause.toMillis());
            }
        }
        return -1;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.putAll(KafkaStreamsPropertiesUtil.appKafkaStreamsProperties());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        // Values are decoded leniently (ReportSerde) and poison is skipped with its offset by ReadingDecoder;
        // anything else that fails to deserialize is logged with partition and offset and skipped, not fatal.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        // Windows are on the producer's send time; a record without a valid one is logged and skipped.
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, LogAndSkipOnInvalidTimestamp.class.getName());
        return p;
    }
}
