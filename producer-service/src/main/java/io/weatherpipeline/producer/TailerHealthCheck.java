package io.weatherpipeline.producer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while rows flow; otherwise says what the tailer waits for (Kafka, MySQL, a missing id). */
@Readiness
@ApplicationScoped
public class TailerHealthCheck implements HealthCheck {

    private final TemperatureTailer tailer;

    TailerHealthCheck(TemperatureTailer tailer) {
        this.tailer = tailer;
    }

    @Override
    public HealthCheckResponse call() {
        String waiting = tailer.waitingFor();
        // Every failure sends the tailer back to reading its position from Kafka (watermark -1); a
        // missing id held within its grace period is normal streaming and keeps it ready.
        HealthCheckResponseBuilder b = HealthCheckResponse.named("mysql-to-kafka tailer")
                .status(tailer.watermark() >= 0)
                .withData("last_sent_row_id", tailer.watermark());
        return (waiting == null ? b : b.withData("waiting_for", waiting)).build();
    }
}
