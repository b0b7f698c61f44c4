package io.weatherpipeline.consumer;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Data that keeps coming during a test: a transaction of {@code perPartition} readings to each of
 * the four partitions every {@code everyMillis}, and an aborted one now and then, until closed.
 * Everything committed is added to {@code sent}.
 */
final class ReportFeed implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Exception failure;

    ReportFeed(String kafka, String topic, List<ReportProducer.Sent> sent, int perPartition, long everyMillis) {
        thread = new Thread(() -> {
            try (ReportProducer producer = new ReportProducer(kafka, topic, "feed-" + topic)) {
                int round = 0;
                while (running.get()) {
                    sent.addAll(producer.commit(List.of(0, 1, 2, 3), perPartition));
                    if (++round % 7 == 0) {
                        producer.abort(List.of(round % 4), 10);
                    }
                    Thread.sleep(everyMillis);
                }
            } catch (Exception e) {
                failure = e;
            }
        }, "feed-" + topic);
        thread.start();
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        thread.join(60_000);
        if (failure != null) {
            throw failure;
        }
    }
}
