package io.weatherpipeline.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the NameNode answers: without HDFS no batch can be written. */
@Readiness
@ApplicationScoped
public class HdfsHealthCheck implements HealthCheck {

    private final FileSystem fs;
    private final ConsumerConfig config;

    HdfsHealthCheck(FileSystem fs, ConsumerConfig config) {
        this.fs = fs;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            fs.getFileStatus(new Path("/"));
            return HealthCheckResponse.named("hdfs").up().withData("uri", config.hdfs().uri()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("hdfs").down().withData("uri", config.hdfs().uri())
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
