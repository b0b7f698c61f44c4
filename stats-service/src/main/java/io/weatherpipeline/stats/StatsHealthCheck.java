package io.weatherpipeline.stats;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.pinning.ClaimWatch;
import io.weatherpipeline.pinning.PartitionClaims;

/** Ready while every claimed partition is held and its file written; says which, at which offset, or what it waits for. */
@Readiness
@ApplicationScoped
public class StatsHealthCheck implements HealthCheck {

    /** The check's name in {@code /q/health}. */
    public static final String NAME = "partition statistics";

    private final StatsWriter writer;
    private final ClaimWatch claims;
    private final FatalErrors fatal;

    StatsHealthCheck(StatsWriter writer, ClaimWatch claims, FatalErrors fatal) {
        this.writer = writer;
        this.claims = claims;
        this.fatal = fatal;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = fatal.message() != null ? "stopped: " + fatal.message()
                : claims.problem() != null ? claims.problem() : writer.waitingFor();
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME)
                .status(problem == null)
                .withData("claimed", PartitionClaims.format(writer.claims()))
                .withData("held", PartitionClaims.format(writer.held()));
        writer.writtenOffsets().forEach((p, offset) -> b.withData("partition-" + p + "-offset", offset));
        return (problem == null ? b : b.withData("waiting_for", problem)).build();
    }
}
