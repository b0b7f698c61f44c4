package io.weatherpipeline.consumer;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.hadoop.fs.FileSystem;

import io.weatherpipeline.common.hdfs.HdfsClients;

/** The HDFS client, one per application (a singleton, so callers get the real class), at {@code consumer.hdfs.uri}. */
@ApplicationScoped
public class HdfsFileSystemProducer {

    @Produces
    @Singleton
    FileSystem fileSystem(ConsumerConfig config) {
        return connect(config.hdfs().uri());
    }

    /** A new HDFS client for {@code uri}, configured as the services use it (also for tests and readers). */
    public static FileSystem connect(String uri) {
        return HdfsClients.connect(uri, "consumer.hdfs.uri");
    }

    void close(@Disposes FileSystem fs) throws IOException {
        fs.close();
    }
}
