package io.weatherpipeline.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** The HDFS client, one per application (a singleton, so callers get the real class), at {@code consumer.hdfs.uri}. */
@ApplicationScoped
public class HdfsFileSystemProducer {

    @Produces
    @Singleton
    FileSystem fileSystem(ConsumerConfig config) {
        return connect(config.hdfs().uri());
    }

    /** A new HDFS client for {@code uri}, configured as the service uses it (also for tests and readers). */
    public static FileSystem connect(String uri) {
        Configuration conf = new Configuration(false);
        // Unqualified paths must never fall back to the local disk.
        conf.set("fs.defaultFS", uri);
        conf.set("fs.hdfs.impl", "org.apache.hadoop.hdfs.DistributedFileSystem");
        // Our own instance: a cached FileSystem would be shared with (and closed by) anyone else.
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
        // Three DataNodes and replication 3: with one down, go on writing to the other two.
        conf.setBoolean("dfs.client.block.write.replace-datanode-on-failure.best-effort", true);
        // Closing a file asks the NameNode to complete it, which it refuses until a DataNode has reported
        // the last block; the client then sleeps and asks again. The default first sleep, 400 ms, cost
        // each batch file about half a second: start at 10 ms and double, up to 10 times (about 10 s in all).
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        conf.setInt("dfs.client.block.write.locateFollowingBlock.retries", 10);
        // A NameNode that is down is retried by the writer with its own backoff: fail each try fast.
        conf.setInt("ipc.client.connect.max.retries", 2);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 2);
        try {
            return FileSystem.get(URI.create(uri), conf);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create an HDFS client for " + uri, e);
        }
    }

    void close(@Disposes FileSystem fs) throws IOException {
        fs.close();
    }
}
