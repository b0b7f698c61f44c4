package io.weatherpipeline.stack.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line of a packaged service, the same for {@code ./weather}, the process-level tests and
 * the benchmarks: this JVM's {@code java}, the heap the services are sized for, the fast-jar.
 */
public final class ServiceCommand {

    /** The jar a Quarkus fast-jar build leaves in a module. */
    public static final String JAR = "target/quarkus-app/quarkus-run.jar";

    /** Heap of every service: what docker-compose.yml and the Dockerfiles give them too. */
    public static final String HEAP = "-Xmx256m";

    private ServiceCommand() {
    }

    /** The packaged jar of {@code module} under the repository root {@code repo}. */
    public static Path jarOf(Path repo, String module) {
        return repo.resolve(module).resolve(JAR);
    }

    /**
     * {@code java -Xmx256m [extra JVM options] -jar jar}.
     *
     * @throws IllegalStateException naming the jar and the build command when it is missing
     */
    public static List<String> of(Path jar, List<String> jvmOptions) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw install -DskipTests (or ./mvnw verify)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return concat(List.of(java, HEAP), jvmOptions, List.of("-jar", jar.toString()));
    }

    /** {@link #of(Path, List)} with no extra JVM options. */
    public static List<String> of(Path jar) {
        return of(jar, List.of());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.stream.Stream.of(parts).flatMap(List::stream).toList();
    }
}
