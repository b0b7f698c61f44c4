package io.weatherpipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.weatherpipeline.stack.StackSettings.Server;

class StackSettingsTest {

    private static final Path DIR = Path.of("/tmp/w");

    @Test
    void defaultsMatchTheReadme() {
        StackSettings s = StackSettings.fromEnvironment(DIR, Map.of());
        assertEquals("localhost:9092", s.kafkaBootstrapServers());
        assertEquals("mysql://localhost:3306/weather", s.mysqlReactiveUrl());
        assertEquals("hdfs://localhost:9000", s.hdfsUri());
        assertEquals(3, s.dataNodes());
        assertEquals(EnumSet.allOf(Server.class), s.servers());
        assertEquals(DIR.resolve("logs"), s.logDir());
    }

    @Test
    void environmentOverridesPortsAndServers() {
        StackSettings s = StackSettings.fromEnvironment(DIR, Map.of("WEATHER_KAFKA_PORT", "19092",
                "WEATHER_SERVERS", "kafka, mysql", "WEATHER_MYSQL_DATABASE", "CS544"));
        assertEquals("localhost:19092", s.kafkaBootstrapServers());
        assertEquals(Set.of(Server.KAFKA, Server.MARIADB), s.servers());
        assertEquals("mysql://localhost:3306/CS544", s.mysqlReactiveUrl());
    }

    @Test
    void badValuesNameTheVariable() {
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(DIR, Map.of("WEATHER_MYSQL_PORT", "33o6")));
        assertEquals("WEATHER_MYSQL_PORT must be a whole number, was '33o6'", notNumber.getMessage());
        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(DIR, Map.of("WEATHER_NAMENODE_PORT", "70000")));
        assertEquals("namenode port must be between 1 and 65535, was 70000", outOfRange.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.parseServers("kafka,zookeeper"));
        assertEquals("unknown server 'zookeeper' (expected kafka, mariadb or hdfs)", unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(DIR, Map.of("WEATHER_DATANODES", "0")));
        assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(DIR, Map.of("WEATHER_MYSQL_DATABASE", "drop table;")));
        assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(DIR, Map.of("WEATHER_SERVERS", " , ")));
    }
}
