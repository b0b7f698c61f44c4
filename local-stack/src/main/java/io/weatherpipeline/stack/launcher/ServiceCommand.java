package io.weatherpipeline.stack.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line of a packaged service, the same for {@code ./weather}, the process-level tests and
 * the benchmarks: this JVM's {@code java}, the JVM options the services are sized for, the fast-jar.
 */
public final class ServiceCommand {

    /** The jar a Quarkus fast-jar build leaves in a module. */
    public static final String JAR = "target/quarkus-app/quarkus-run.jar";

    /**
     * JVM options of every service: {@code ./weather up}, the process-level tests and the benchmarks start them with
     * these, and the JVM image (src/main/docker/Dockerfile.jvm, so docker-compose.yml too) sets exactly these in its
     * {@code JAVA_OPTS} (compose-check's JvmOptionsTest). Why these: BENCHMARKS.md, "Memory and start-up per service".
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx256m");

    private ServiceCommand() {
    }

    /** The packaged jar of {@code module} under the repository root {@code repo}. */
    public static Path jarOf(Path repo, String module) {
        return repo.resolve(module).resolve(JAR);
    }

    /**
     * {@code java} {@link #JVM_OPTIONS} {@code [extra JVM options] -jar jar}.
     *
     * @throws IllegalStateException naming the jar and the build command when it is missing
     */
    public static List<String> of(Path jar, List<String> jvmOptions) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw install -DskipTests (or ./mvnw verify)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return concat(List.of(java), JVM_OPTIONS, jvmOptions, List.of("-jar", jar.toString()));
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
