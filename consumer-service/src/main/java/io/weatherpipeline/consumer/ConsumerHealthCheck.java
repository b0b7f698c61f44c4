package io.weatherpipeline.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.consumer.writer.PartitionWriters;
import io.weatherpipeline.pinning.ClaimWatch;
import io.weatherpipeline.pinning.PartitionClaims;

/** Ready while every claimed partition is held and written; otherwise says what it waits for. */
@Readiness
@ApplicationScoped
public class ConsumerHealthCheck implements HealthCheck {

    private final PartitionWriters writers;
    private final ClaimWatch claims;
    private final FatalErrors fatal;

    ConsumerHealthCheck(PartitionWriters writers, ClaimWatch claims, FatalErrors fatal) {
        this.writers = writers;
        this.claims = claims;
        this.fatal = fatal;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = fatal.message() != null ? "stopped: " + fatal.message()
                : claims.problem() != null ? claims.problem() : writers.waitingFor();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("kafka-to-hdfs writer")
                .status(problem == null)
                .withData("claimed", PartitionClaims.format(writers.claims()))
                .withData("assigned", PartitionClaims.format(writers.held()));
        writers.positions().forEach((p, c) -> b.withData("partition-" + p, c.toJson()));
        return (problem == null ? b : b.withData("waiting_for", problem)).build();
    }
}
