package io.weatherpipeline.dashboard;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.weatherpipeline.dashboard.view.Snapshot;

/**
 * Ready once the first snapshot is built: the page then shows something. Components that are down do
 * not make the dashboard unready (showing them is its job); they are listed in the data.
 */
@Readiness
@ApplicationScoped
public class DashboardHealthCheck implements HealthCheck {

    private final Refresher refresher;

    DashboardHealthCheck(Refresher refresher) {
        this.refresher = refresher;
    }

    @Override
    public HealthCheckResponse call() {
        Snapshot s = refresher.latest();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("dashboard").status(s != null);
        if (s == null) {
            return b.withData("waiting_for", "the first round of answers from the other components").build();
        }
        String down = s.components().stream().filter(c -> !Snapshot.UP.equals(c.state()))
                .map(c -> c.name() + " " + c.state()).reduce((a, c) -> a + ", " + c).orElse("none");
        return b.withData("snapshot_at", s.at()).withData("components_not_up", down).build();
    }
}
