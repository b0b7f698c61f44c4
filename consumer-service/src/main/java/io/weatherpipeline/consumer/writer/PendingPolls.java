package io.weatherpipeline.consumer.writer;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.common.Threads;

/**
 * Polls handed over by the channel and not yet taken by the writers: a short bounded queue, drained
 * in order by one thread ({@code partition-writer}).
 *
 * <p>SmallRye turns a poll into messages (one per record) only after the previous batch was handled.
 * Handing the poll over and returning lets it prepare the next poll while this thread decodes and
 * writes the previous one. A full queue blocks the channel, so back-pressure still reaches Kafka.
 *
 * <p>Nothing here changes what is written: polls are taken in the order they were fetched, and a
 * poll still queued when its partition is revoked is taken all the same (see
 * {@link PartitionWriters#write}), so the records of a partition still reach its writer as one
 * stream that only ever steps back (to a seek position), never forward over a hole.
 */
public class PendingPolls {

    /** Polls that may wait: with {@code max.poll.records} 10,000, up to 40,000 records. */
    static final int CAPACITY = 4;

    private static final Logger LOG = Logger.getLogger(PendingPolls.class);

    private final BlockingQueue<ConsumerRecords<byte[], byte[]>> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final PartitionWriters writers;
    private final FatalErrors fatal;
    private Thread drainer;
    private volatile boolean stopped;

    public PendingPolls(PartitionWriters writers, FatalErrors fatal) {
        this.writers = writers;
        this.fatal = fatal;
    }

    /** Starts the thread that drains the queue. */
    public void start() {
        drainer = Threads.startDaemon("partition-writer", this::drain);
    }

    /**
     * Queues one poll, waiting while the queue is full. A poll that cannot be queued any more (the
     * service is stopping, or writing stopped for good) is dropped: none of it was taken, so it is
     * read again from the checkpoint on the next start.
     */
    public void put(ConsumerRecords<byte[], byte[]> polled) throws InterruptedException {
        while (!queue.offer(polled, 200, TimeUnit.MILLISECONDS)) {
            if (stopped || !drainer.isAlive()) {
                return;
            }
        }
    }

    private void drain() {
        try {
            while (!stopped) {
                ConsumerRecords<byte[], byte[]> polled = queue.take();
                for (TopicPartition tp : polled.partitions()) {
                    writers.write(tp.partition(), polled.records(tp));
                }
            }
        } catch (InterruptedException e) {
            // Stopping: what was taken stays buffered, what was not is read again.
        } catch (RuntimeException | Error e) {
            LOG.error("The partition writer thread failed", e);
            fatal.stop("the partition writer thread failed: " + e);
        }
    }

    /** Stops the drainer, waiting up to 10 s for the poll it is writing. */
    public void stop() {
        stopped = true;
        writers.stop();
        drainer.interrupt();
        try {
            drainer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
