package io.weatherpipeline.windows;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.weatherpipeline.windows.hdfs.WindowFileWriter;

/**
 * Ready when Kafka Streams is RUNNING and the window files are written; otherwise says what it waits for:
 * Kafka or the topic at start, a rebalance (partitions moving, state being restored), HDFS.
 */
@Readiness
@ApplicationScoped
public class WindowsHealthCheck implements HealthCheck {

    /** The check's name in {@code /q/health}. */
    public static final String NAME = "windows";

    private final WindowsStreams windows;
    private final WindowFileWriter files;

    WindowsHealthCheck(WindowsStreams windows, WindowFileWriter files) {
        this.windows = windows;
        this.files = files;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams s = windows.streams();
        String problem = windows.waitingFor();
        if (problem == null) {
            problem = files.waitingFor();
        }
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).status(problem == null)
                .withData("kafka_streams", s == null ? "NOT_STARTED" : s.state().name())
                .withData("instance", windows.self().host() + ":" + windows.self().port());
        if (s != null) {
            b.withData("partitions", LocalState.activePartitions(s, windows.topic()).toString());
        }
        return (problem == null ? b : b.withData("waiting_for", problem)).build();
    }
}
