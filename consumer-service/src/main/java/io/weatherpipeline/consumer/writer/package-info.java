/**
 * Turns the records of the partitions this instance holds into batch files, exactly once:
 * {@link io.weatherpipeline.consumer.writer.PartitionWriters} (all partitions, the lock, retries),
 * {@link io.weatherpipeline.consumer.writer.PartitionWriter} (one partition's IO),
 * {@link io.weatherpipeline.consumer.writer.PartitionBuffer} (one partition's buffering rules, pure),
 * {@link io.weatherpipeline.consumer.writer.PendingPolls} (the hand-over from the channel).
 *
 * <h2>Thread model</h2>
 *
 * <table>
 * <caption>The threads that touch the writer, and what each may do</caption>
 * <tr><th>thread</th><th>runs</th><th>may touch</th></tr>
 * <tr><td>SmallRye polling thread ({@code smallrye-kafka-consumer-thread-N})</td>
 * <td>{@code poll()}; the rebalance listener: {@code assigned} / {@code revoked}; the group offset commits
 * that {@code GroupOffsets} asks for</td>
 * <td>writers map and held set, under the lock. {@code revoked} waits, holding the lock, for the
 * partition's batch in flight (that one try, never the retries after it, which happen outside the
 * lock), so no file of a revoked partition is written once the rebalance goes on</td></tr>
 * <tr><td>a worker thread ({@code executor-thread-N}), one poll at a time</td>
 * <td>{@code BatchConsumer.consume} → {@link io.weatherpipeline.consumer.writer.PendingPolls#put}</td>
 * <td>only the queue of {@code PendingPolls}; blocks while it is full (back-pressure)</td></tr>
 * <tr><td>{@code partition-writer}, the drainer of {@code PendingPolls}</td>
 * <td>{@link io.weatherpipeline.consumer.writer.PartitionWriters#write}: decoding and buffering records,
 * sealing batches, recovery, retries</td>
 * <td>every {@code PartitionWriter} and its {@code PartitionBuffer}, under the lock; sleeps between
 * tries with the lock released</td></tr>
 * <tr><td>{@code hdfs-writer-N}, one per partition</td>
 * <td>{@code PartitionWriter.write(Batch)}: dead letters, the Parquet file, the rename, the checkpoint;
 * then the metrics and {@code GroupOffsets}</td>
 * <td>only the sealed {@code Batch} it was handed (nobody else touches its columns until its future
 * completes) and the writer's volatile {@code checkpoint}; never takes the lock</td></tr>
 * <tr><td>{@code consumer-flush-timer}, every 200 ms</td>
 * <td>{@link io.weatherpipeline.consumer.writer.PartitionWriters#flushDue}: collects batches written in
 * the background, writes buffers older than {@code consumer.flush.max-age}; the claim watch</td>
 * <td>the same as {@code partition-writer}, under the lock, one try per partition (no sleeping)</td></tr>
 * <tr><td>HTTP threads (health, {@code /partitions})</td>
 * <td>readiness, {@code PartitionResource}</td>
 * <td>{@code held()} and {@code positions()} under the lock, briefly; {@code waitingFor()} and
 * {@code FatalErrors} without it; batch files and checkpoints through their own readers</td></tr>
 * <tr><td>shutdown (Quarkus main thread)</td>
 * <td>{@code PendingPolls.stop}, {@code ConsumerTimer.stop}</td>
 * <td>the volatile {@code stopping} flag; interrupts and joins the drainer</td></tr>
 * </table>
 *
 * <h2>The lock</h2>
 *
 * <p>{@code PartitionWriters.lock} guards the map of writers, the set of held partitions, the whole state
 * of every {@code PartitionWriter} (its buffer, the batch in flight and its future, whether it is
 * recovered) and the retry state. Outside it: each writer's {@code checkpoint} (volatile, moved by its
 * flusher thread, read by anyone), the {@code stopping} flag (volatile), what the retry waits for
 * (volatile, for readiness), {@code FatalErrors} (atomic) and {@code DeadLetterPublisher} (synchronized:
 * the flusher threads of several partitions may send at once).
 *
 * <p>Hand-over of a batch: the thread holding the lock seals the buffer and gives the {@code Batch} to
 * the partition's flusher; the flusher completes its future; the next thread to hold the lock collects
 * it ({@code awaitWritten}): a written batch's columns are reused, a failed one goes back in front of the
 * buffer. At most one batch per partition is in flight, so batches are committed in order.
 */
package io.weatherpipeline.consumer.writer;
