package io.weatherpipeline.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds command lines for the server JVMs (Kafka, NameNode, DataNodes). Their classpath is the one
 * the build of this module wrote to {@code weather-stack/server-classpath.txt}; it is not the
 * classpath of whoever calls us (a test JVM, say), which deliberately holds no server jars.
 */
final class ServerClasspath {

    private static final String RESOURCE = "/weather-stack/server-classpath.txt";

    private ServerClasspath() {
    }

    static String classpath() {
        try (InputStream in = ServerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new StackException("The server classpath " + RESOURCE + " is missing: build local-stack with"
                        + " ./mvnw install -pl local-stack first");
            }
            String cp = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : cp.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new StackException("The server classpath names " + entry + ", which does not exist: rebuild"
                            + " local-stack (./mvnw install -pl local-stack) on this machine");
                }
            }
            return cp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java <jvmOptions> -cp <extra>:<server classpath> <mainClass> <args>}. */
    static List<String> javaCommand(List<String> jvmOptions, Path extraClasspath, String mainClass, List<String> args,
            Path log4jConfig) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dlog4j2.configurationFile=" + log4jConfig);
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.add("-cp");
        cmd.add(extraClasspath == null ? classpath() : extraClasspath + java.io.File.pathSeparator + classpath());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** Copies the servers' log4j2 configuration next to their data, where their command lines point. */
    static Path log4jConfig(Path dir) {
        Path target = dir.resolve("log4j2-servers.properties");
        try (InputStream in = ServerClasspath.class.getResourceAsStream("/weather-stack/log4j2-servers.properties")) {
            Files.createDirectories(dir);
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
