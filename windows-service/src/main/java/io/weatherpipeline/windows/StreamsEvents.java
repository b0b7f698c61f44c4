package io.weatherpipeline.windows;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.weatherpipeline.windows.model.WindowFile;
import io.weatherpipeline.windows.topology.TopologyEvents;

/**
 * Logs and counts what the topology reports: poison values (with partition and offset), late readings,
 * closed windows. Called on stream threads; a reprocessed record after a crash is counted again.
 */
// Created at start-up, so its counters are on /q/metrics (at 0) before the first event.
@Startup
@ApplicationScoped
public class StreamsEvents implements TopologyEvents {

    private static final Logger LOG = Logger.getLogger(StreamsEvents.class);

    private final Counter poison;
    private final Counter late;
    private final Counter closed;

    StreamsEvents(MeterRegistry registry) {
        this.poison = Counter.builder("windows.records.poison")
                .description("values that were not a Report, skipped (again after a reprocessing)").register(registry);
        this.late = Counter.builder("windows.readings.late")
                .description("readings that came after their window had closed: in the totals, in no window").register(registry);
        this.closed = Counter.builder("windows.closed")
                .description("windows closed in every partition and stored").register(registry);
    }

    @Override
    public void poison(String topic, int partition, long offset, String reason) {
        poison.increment();
        LOG.warnf("Skipped partition %d offset %d of %s: not a valid Report (%s)", partition, offset, topic, reason);
    }

    @Override
    public void late(int partition, long offset, String station, long timestampMs, long windowId) {
        late.increment();
        LOG.debugf("Late reading at partition %d offset %d (%s, timestamp %d): window %d had closed; counted in the"
                + " totals only", partition, offset, station, timestampMs, windowId);
    }

    @Override
    public void closed(WindowFile window) {
        closed.increment();
        LOG.debugf("Window %d closed (%s to %s): %d readings", window.id(), window.start(), window.end(), window.total());
    }
}
