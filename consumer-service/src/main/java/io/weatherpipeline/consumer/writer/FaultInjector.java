package io.weatherpipeline.consumer.writer;

import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * Crash-test support: with {@code consumer.fault-injection.pause-at} set, the writer stops for good at
 * that step of batch {@code consumer.fault-injection.pause-at-batch} and says so in the log, so a test
 * can {@code kill -9} the process at exactly that moment. Does nothing unless configured.
 */
public class FaultInjector {

    /** The steps of writing a batch at which a crash is most dangerous. */
    public enum Step {
        /** The .tmp file is half written. */
        DURING_WRITE("during-write"),
        /** The batch file has its final name; the checkpoint does not know it yet. */
        AFTER_RENAME("after-rename"),
        /** The checkpoint names the batch. */
        AFTER_CHECKPOINT("after-checkpoint");

        private final String key;

        Step(String key) {
            this.key = key;
        }

        static Step parse(String key) {
            for (Step s : values()) {
                if (s.key.equals(key)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("consumer.fault-injection.pause-at must be during-write, after-rename or"
                    + " after-checkpoint, not '" + key + "'");
        }
    }

    /** Log line a test waits for before it kills the process. */
    public static final String PAUSED = "FAULT INJECTION: paused";

    private static final Logger LOG = Logger.getLogger(FaultInjector.class);

    private final Step step;
    private final long batchId;

    /**
     * @param pauseAt the step to stop at ({@code consumer.fault-injection.pause-at}), empty for none
     * @param batchId the batch of any partition that stops there
     */
    public FaultInjector(Optional<String> pauseAt, long batchId) {
        this.step = pauseAt.map(Step::parse).orElse(null);
        this.batchId = batchId;
        if (step != null) {
            LOG.warnf("Fault injection is on: the consumer will stop at %s of batch %d and wait to be killed", step.key,
                    batchId);
        }
    }

    /** Called by the writer at each step; blocks forever at the configured one. */
    public void reached(Step at, int partition, long batch) {
        if (at != step || batch != batchId) {
            return;
        }
        LOG.errorf("%s at %s of partition %d batch %d; waiting to be killed", PAUSED, at.key, partition, batch);
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting: only a kill ends this
            }
        }
    }
}
