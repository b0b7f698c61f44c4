package io.weatherpipeline.windows;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless Kafka Streams has failed for good ({@code ERROR}): waiting for Kafka or rebalancing is
 * being alive (readiness tells those apart), and a failed stream thread is replaced, not fatal.
 */
@Liveness
@ApplicationScoped
public class WindowsLiveness implements HealthCheck {

    private final WindowsStreams windows;

    WindowsLiveness(WindowsStreams windows) {
        this.windows = windows;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams s = windows.streams();
        KafkaStreams.State state = s == null ? null : s.state();
        return HealthCheckResponse.named("kafka streams").status(state != KafkaStreams.State.ERROR)
                .withData("state", state == null ? "NOT_STARTED" : state.name()).build();
    }
}
