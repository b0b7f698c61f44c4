package io.weatherpipeline.windows.hdfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** A new HDFS client for a NameNode, configured the way consumer-service's is (qualified paths, fast failure). */
public final class HdfsClient {

    private HdfsClient() {
    }

    public static FileSystem connect(String uri) {
        Configuration conf = new Configuration(false);
        // Unqualified paths must never fall back to the local disk.
        conf.set("fs.defaultFS", uri);
        conf.set("fs.hdfs.impl", "org.apache.hadoop.hdfs.DistributedFileSystem");
        // Our own instance: a cached FileSystem would be shared with (and closed by) anyone else.
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
        // Three DataNodes and replication 3: with one down, go on writing to the other two.
        conf.setBoolean("dfs.client.block.write.replace-datanode-on-failure.best-effort", true);
        // Completing a small file waits for a DataNode's block report: ask again soon, not after 400 ms.
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        conf.setInt("dfs.client.block.write.locateFollowingBlock.retries", 10);
        // A NameNode that is down is retried by the writer with its own growing pause: fail each try fast.
        conf.setInt("ipc.client.connect.max.retries", 2);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 2);
        try {
            return FileSystem.get(URI.create(uri), conf);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create an HDFS client for " + uri + " (windows.hdfs.uri)", e);
        }
    }
}
