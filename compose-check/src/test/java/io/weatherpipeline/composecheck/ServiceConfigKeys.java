package io.weatherpipeline.composecheck;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The configuration keys a service module declares, read from its sources as they are now:
 * {@code application.properties} (profile prefixes dropped), {@code @ConfigProperty(name = ...)}
 * injection points, and {@code @ConfigMapping} interfaces, which are compiled on the fly and walked
 * by reflection the way SmallRye Config names them (nested groups, {@code @WithName},
 * {@code @WithParentName}, maps and lists of groups). {@link #accepts} says whether an environment
 * variable sets one of those keys (MicroProfile's rule: every non-alphanumeric character becomes
 * {@code _}, then upper case), or is one of the namespaces every Quarkus service has.
 */
final class ServiceConfigKeys {

    /** Prefixes of environment variables that are always configuration of a Quarkus service. */
    static final List<String> ALWAYS_ACCEPTED = List.of("QUARKUS_", "MP_MESSAGING_");

    private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");

    private final String module;
    private final SortedSet<String> keys;
    private final List<Pattern> envPatterns;

    private ServiceConfigKeys(String module, SortedSet<String> keys) {
        this.module = module;
        this.keys = keys;
        this.envPatterns = keys.stream().map(ServiceConfigKeys::envPattern).toList();
    }

    /** Reads the keys of the module in {@code moduleDir}. */
    static ServiceConfigKeys of(Path moduleDir) {
        SortedSet<String> keys = new TreeSet<>();
        keys.addAll(propertiesKeys(moduleDir.resolve("src/main/resources/application.properties")));
        List<Path> sources = javaSources(moduleDir.resolve("src/main/java"));
        for (Path source : sources) {
            Matcher m = CONFIG_PROPERTY.matcher(read(source));
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        keys.addAll(mappingKeys(moduleDir, sources.stream().filter(s -> read(s).contains("@ConfigMapping")).toList()));
        return new ServiceConfigKeys(moduleDir.getFileName().toString(), keys);
    }

    String module() {
        return module;
    }

    SortedSet<String> keys() {
        return keys;
    }

    /** True when {@code variable} sets a key of this service. */
    boolean accepts(String variable) {
        return ALWAYS_ACCEPTED.stream().anyMatch(variable::startsWith)
                || envPatterns.stream().anyMatch(p -> p.matcher(variable).matches());
    }

    /** The environment-variable name of a key: {@code consumer.hdfs.data-dir} → {@code CONSUMER_HDFS_DATA_DIR}. */
    static String envName(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return out.toString();
    }

    /** Like {@link #envName}, with {@code *} (a map key) and {@code [*]} (a list index) as wildcards. */
    static Pattern envPattern(String key) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < key.length()) {
            if (key.startsWith("[*]", i)) {
                regex.append("_[0-9]+_");
                i += 3;
            } else if (key.charAt(i) == '*') {
                regex.append("[A-Z0-9_]+");
                i++;
            } else {
                regex.append(Pattern.quote(envName(key.substring(i, i + 1))));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** {@code daysPerTick} → {@code days-per-tick}, as SmallRye's default naming strategy does. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean previousLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1));
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (i > 0 && (previousLower || nextLower)) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> propertiesKeys(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return p.stringPropertyNames().stream().map(k -> PROFILE.matcher(k).replaceFirst("")).toList();
    }

    private static List<Path> javaSources(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Compiles the module's @ConfigMapping sources into a scratch directory and walks the interfaces. */
    private static List<String> mappingKeys(Path moduleDir, List<Path> sources) {
        if (sources.isEmpty()) {
            return List.of();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("No Java compiler in this JVM (a JRE?): the tests need a JDK");
        }
        try {
            // Under compose-check/target/, beside the other build output.
            Path out = Path.of("target", "config-mappings", moduleDir.getFileName().toString());
            deleteRecursively(out);
            Files.createDirectories(out);
            String classpath = System.getProperty("java.class.path")
                    + File.pathSeparator + moduleDir.resolve("target/classes");
            List<String> args = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", out.toString(), "-cp", classpath));
            sources.forEach(s -> args.add(s.toString()));
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            if (javac.run(null, messages, messages, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("Cannot compile the @ConfigMapping interfaces of " + moduleDir
                        + " " + sources + ":\n" + messages);
            }
            List<String> keys = new ArrayList<>();
            try (URLClassLoader loader = new URLClassLoader(new URL[] { out.toUri().toURL() },
                    ServiceConfigKeys.class.getClassLoader())) {
                for (String className : compiledClassNames(out)) {
                    Class<?> type = loader.loadClass(className);
                    ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                    if (mapping != null) {
                        walk(type, mapping.prefix(), mapping.namingStrategy(), keys);
                    }
                }
            }
            return keys;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read the @ConfigMapping interfaces of " + moduleDir, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static List<String> compiledClassNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> dir.relativize(f).toString().replace(File.separatorChar, '.'))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .toList();
        }
    }

    private static void walk(Class<?> group, String prefix, ConfigMapping.NamingStrategy naming, List<String> keys) {
        for (Method m : group.getMethods()) {
            if (m.getParameterCount() > 0 || m.isDefault() || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class || m.getName().equals("toString")) {
                continue;
            }
            String path;
            if (m.isAnnotationPresent(WithParentName.class)) {
                path = prefix;
            } else {
                WithName named = m.getAnnotation(WithName.class);
                String name = named != null ? named.value() : switch (naming) {
                    case VERBATIM -> m.getName();
                    case SNAKE_CASE -> kebab(m.getName()).replace('-', '_');
                    default -> kebab(m.getName());
                };
                path = prefix.isEmpty() ? name : prefix + "." + name;
            }
            member(m.getGenericReturnType(), path, naming, keys);
        }
    }

    private static void member(Type type, String path, ConfigMapping.NamingStrategy naming, List<String> keys) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == Optional.class) {
                member(args[0], path, naming, keys);
                return;
            }
            if (Map.class.isAssignableFrom(raw)) {
                member(args[1], path + ".*", naming, keys);
                return;
            }
            if (Collection.class.isAssignableFrom(raw) && isGroup(args[0])) {
                member(args[0], path + "[*]", naming, keys);
                return;
            }
        }
        if (isGroup(type)) {
            walk((Class<?>) type, path, naming, keys);
        } else {
            keys.add(path);
        }
    }

    /** A nested configuration group: an interface of the service (not java.*). */
    private static boolean isGroup(Type type) {
        return type instanceof Class<?> c && c.isInterface() && !c.getName().startsWith("java.");
    }

    @Override
    public String toString() {
        return module + " " + keys;
    }
}
