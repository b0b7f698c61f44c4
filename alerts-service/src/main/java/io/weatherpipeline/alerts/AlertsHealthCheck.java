package io.weatherpipeline.alerts;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the tables exist and nothing waits for MySQL; says which partitions are held at which
 * stored offset, and otherwise what it waits for.
 */
@Readiness
@ApplicationScoped
public class AlertsHealthCheck implements HealthCheck {

    /** The check's name in {@code /q/health}. */
    public static final String NAME = "alerts";

    private final AlertWriter writer;
    private final AlertsTimer timer;

    AlertsHealthCheck(AlertWriter writer, AlertsTimer timer) {
        this.writer = writer;
        this.timer = timer;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = timer.waitingFor() != null ? timer.waitingFor() : writer.waitingFor();
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME)
                .status(problem == null)
                .withData("threshold", String.valueOf(writer.rule().threshold()))
                .withData("held", writer.nextOffsets().keySet().toString());
        writer.nextOffsets().forEach((p, offset) -> b.withData("partition-" + p + "-offset", offset));
        return (problem == null ? b : b.withData("waiting_for", problem)).build();
    }
}
