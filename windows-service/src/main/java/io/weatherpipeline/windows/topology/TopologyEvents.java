package io.weatherpipeline.windows.topology;

import io.weatherpipeline.windows.model.WindowFile;

/**
 * What the topology reports to the service around it (logs, metrics), called on stream threads. Under
 * exactly-once a task that failed reprocesses its records from the last commit, so these may be called
 * again for the same record: counts built on them are at-least-once, unlike the stores.
 */
public interface TopologyEvents {

    /** A value that is not a Report was skipped. */
    void poison(String topic, int partition, long offset, String reason);

    /** A reading came after its window had closed in its partition: counted in the totals, in no window. */
    void late(int partition, long offset, String station, long timestampMs, long windowId);

    /** A window closed in every partition and was stored for the API and the HDFS writer. */
    void closed(WindowFile window);

    /** Events nobody listens to. */
    TopologyEvents NONE = new TopologyEvents() {
        @Override
        public void poison(String topic, int partition, long offset, String reason) {
        }

        @Override
        public void late(int partition, long offset, String station, long timestampMs, long windowId) {
        }

        @Override
        public void closed(WindowFile window) {
        }
    };
}
