package io.weatherpipeline.consumer;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.hadoop.fs.FileSystem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.Startup;
import io.weatherpipeline.common.FatalErrors;
import io.weatherpipeline.consumer.batch.BatchFiles;
import io.weatherpipeline.consumer.batch.CheckpointStore;
import io.weatherpipeline.consumer.writer.DeadLetterPublisher;
import io.weatherpipeline.consumer.writer.FaultInjector;
import io.weatherpipeline.consumer.writer.FlushPolicy;
import io.weatherpipeline.consumer.writer.PartitionWriters;
import io.weatherpipeline.consumer.writer.PendingPolls;
import io.weatherpipeline.pinning.PartitionClaims;

/**
 * Builds the writer from this service's configuration ({@code consumer.*}), so the writer's classes
 * take plain values and never read the configuration themselves.
 */
@ApplicationScoped
public class WriterBeans {

    @Produces
    @Singleton
    FatalErrors fatalErrors(ConsumerConfig config) {
        return new FatalErrors(config.exitOnFatal(), Quarkus::asyncExit);
    }

    @Produces
    @Singleton
    FaultInjector faultInjector(ConsumerConfig config) {
        return new FaultInjector(config.faultInjection().pauseAt(), config.faultInjection().pauseAtBatch());
    }

    @Produces
    @Singleton
    DeadLetterPublisher deadLetterPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ConsumerConfig config) {
        return new DeadLetterPublisher(bootstrapServers, config.deadLetterTopic());
    }

    void close(@Disposes DeadLetterPublisher deadLetters) {
        deadLetters.close();
    }

    // Created at start-up, so a bad consumer.* value stops the start with its key named.
    @Produces
    @Singleton
    @Startup
    PartitionWriters partitionWriters(ConsumerConfig config, FileSystem fs, DeadLetterPublisher deadLetters,
            FaultInjector faults, FatalErrors fatal, GroupOffsets groupOffsets, MeterRegistry registry) {
        return new PartitionWriters(config.topic(), PartitionClaims.parse("consumer.partitions", config.partitions()),
                new FlushPolicy(config.flush().everyPoll(), config.flush().maxRecords(), config.flush().maxAge()),
                new BatchFiles(fs, config.hdfs().dataDir(), config.hdfs().replication().orElse(null)),
                new CheckpointStore(Path.of(config.checkpointDir())), deadLetters, faults, fatal,
                groupOffsets::checkpointed, registry);
    }

    @Produces
    @Singleton
    PendingPolls pendingPolls(PartitionWriters writers, FatalErrors fatal) {
        PendingPolls pending = new PendingPolls(writers, fatal);
        pending.start();
        return pending;
    }

    void stop(@Disposes PendingPolls pending) {
        pending.stop();
    }
}
