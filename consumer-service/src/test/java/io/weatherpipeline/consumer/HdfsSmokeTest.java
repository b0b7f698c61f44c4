package io.weatherpipeline.consumer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants.DatanodeReportType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.weatherpipeline.testsupport.WeatherStackResource;

/** The service's HDFS client writes to a real NameNode with three DataNodes. */
@QuarkusTest
@QuarkusTestResource(value = WeatherStackResource.class,
        initArgs = @ResourceArg(name = WeatherStackResource.SERVERS, value = "hdfs"))
class HdfsSmokeTest {

    @Inject
    FileSystem fs;

    @Test
    void writesRenamesAndReadsBackWithThreeReplicas() throws Exception {
        assertTrue(fs instanceof DistributedFileSystem, "not HDFS: " + fs.getClass());
        assertEquals(3, ((DistributedFileSystem) fs).getDataNodeStats(DatanodeReportType.LIVE).length);

        Path tmp = new Path("/smoke/hello.txt.tmp");
        Path done = new Path("/smoke/hello.txt");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write("hello hdfs".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(fs.rename(tmp, done), "rename failed");
        assertFalse(fs.exists(tmp));
        try (FSDataInputStream in = fs.open(done)) {
            assertEquals("hello hdfs", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(3, fs.getFileStatus(done).getReplication());
        // Every block really sits on three DataNodes.
        assertEquals(3, fs.getFileBlockLocations(done, 0, 1)[0].getNames().length);
        assertEquals("hdfs", fs.getUri().getScheme());
    }

    @Test
    void readinessReportsHdfs() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'hdfs' }.status", equalTo("UP"));
    }
}
