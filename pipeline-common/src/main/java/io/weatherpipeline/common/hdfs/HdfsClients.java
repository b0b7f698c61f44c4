package io.weatherpipeline.common.hdfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The one way the services open HDFS (consumer-service's batch files, windows-service's window files, the
 * readers of tests and the soak): a client of their own with qualified paths, writes that go on when a
 * DataNode is lost, quick completion of small files, and fast failure while the NameNode is down (the
 * callers retry with their own growing pause). Needs the Hadoop client on the class path (the services
 * that use it have it; here it is {@code provided}).
 */
public final class HdfsClients {

    private HdfsClients() {
    }

    /**
     * A new client for the NameNode at {@code uri}; the caller closes it.
     *
     * @param setting the configuration key {@code uri} came from, named when it cannot be used
     */
    public static FileSystem connect(String uri, String setting) {
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
        // each small file about half a second: start at 10 ms and double, up to 10 times (about 10 s in all).
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        conf.setInt("dfs.client.block.write.locateFollowingBlock.retries", 10);
        // A NameNode that is down is retried by the caller with its own growing pause: fail each try fast.
        conf.setInt("ipc.client.connect.max.retries", 2);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 2);
        try {
            return FileSystem.get(URI.create(uri), conf);
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException("Cannot create an HDFS client for " + uri + " (" + setting + ")",
                    e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }
}
