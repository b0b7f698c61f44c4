package io.weatherpipeline.composecheck;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A docker-compose.yml read the way Compose reads it: YAML anchors and merge keys resolved, then
 * {@code ${VARIABLES}} substituted from a given environment (none: every default applies); and, with
 * {@link #with}, an override file applied to it as {@code docker compose -f base -f override} does.
 */
final class ComposeFile {

    /** The lists of a service that an override replaces; Compose combines the others (see {@link #with}). */
    private static final Set<String> REPLACED_LISTS = Set.of("command", "entrypoint");

    private final String name;
    private final Path dir;
    private final Map<String, Object> root;

    private ComposeFile(String name, Path dir, Map<String, Object> root) {
        this.name = name;
        this.dir = dir;
        this.root = root;
    }

    /** The file with the variables substituted from {@code env}. */
    static ComposeFile load(Path file, Map<String, String> env) {
        return new ComposeFile(fileName(file), file.toAbsolutePath().getParent(),
                asMap(interpolate(parse(file), env), file.toString()));
    }

    /** The file as written, variables left as they are. */
    static ComposeFile raw(Path file) {
        return new ComposeFile(fileName(file), file.toAbsolutePath().getParent(), asMap(parse(file), file.toString()));
    }

    private static String fileName(Path file) {
        return file.getFileName().toString();
    }

    /**
     * This file with {@code override} applied, by Compose's rules for multiple {@code -f} files: a service's
     * environment and depends_on merged by name, its volumes by container path, its ports added, its other
     * mappings (healthcheck, build, ...) merged key by key, command and entrypoint and scalars replaced;
     * top-level volumes and networks merged by name. Any other list set in both files (expose, dns, profiles,
     * ...: unions and merges by key in Compose) fails, as its rule is not modelled here.
     */
    ComposeFile with(ComposeFile override) {
        Map<String, Object> merged = new LinkedHashMap<>(root);
        override.root.forEach((key, value) -> {
            Object base = merged.get(key);
            if (key.equals("services")) {
                Map<String, Object> services = new LinkedHashMap<>(asMap(base, "services"));
                asMap(value, override.name + " services").forEach((service, spec) -> services.put(service,
                        mergeService(service, asMap(services.get(service), service), asMap(spec, service))));
                merged.put(key, services);
            } else if (base instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                Map<String, Object> entries = new LinkedHashMap<>(asMap(base, key));
                entries.putAll(asMap(value, key));
                merged.put(key, entries);
            } else {
                merged.put(key, value);
            }
        });
        return new ComposeFile(name + " + " + override.name, dir, merged);
    }

    private static Map<String, Object> mergeService(String name, Map<String, Object> base, Map<String, Object> override) {
        Service b = new Service(name, base, null);
        Service o = new Service(name, override, null);
        Map<String, Object> out = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object was = base.get(key);
            if (was == null) {
                out.put(key, value);
            } else if (key.equals("environment")) {
                Map<String, String> env = b.environment();
                env.putAll(o.environment());
                out.put(key, env);
            } else if (key.equals("depends_on")) {
                Map<String, Object> deps = new LinkedHashMap<>();
                b.dependsOn().forEach((d, condition) -> deps.put(d, Map.of("condition", condition)));
                o.dependsOn().forEach((d, condition) -> deps.put(d, Map.of("condition", condition)));
                out.put(key, deps);
            } else if (key.equals("volumes")) {
                Map<String, Object> byTarget = new LinkedHashMap<>();
                for (Object v : asList(was, name + ".volumes")) {
                    byTarget.put(mountTarget(v), v);
                }
                for (Object v : asList(value, name + ".volumes")) {
                    byTarget.put(mountTarget(v), v);
                }
                out.put(key, List.copyOf(byTarget.values()));
            } else if (key.equals("ports")) {
                List<Object> ports = new ArrayList<>(asList(was, name + ".ports"));
                asList(value, name + ".ports").stream().filter(p -> !ports.contains(p)).forEach(ports::add);
                out.put(key, ports);
            } else if ((was instanceof List<?> || value instanceof List<?>) && !REPLACED_LISTS.contains(key)) {
                throw new AssertionError(name + "." + key + " is set in both files; ComposeFile.with does not model"
                        + " how Compose merges that list");
            } else if (was instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                Map<String, Object> entries = new LinkedHashMap<>(asMap(was, name + "." + key));
                entries.putAll(asMap(value, name + "." + key));
                out.put(key, entries);
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    /** The container path of a volume entry (short {@code source:target[:mode]} or long form). */
    private static String mountTarget(Object volume) {
        if (volume instanceof Map<?, ?> m) {
            return String.valueOf(m.get("target"));
        }
        String[] parts = String.valueOf(volume).split(":");
        return parts.length >= 2 ? parts[1] : parts[0];
    }

    private static Object parse(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    private static Object interpolate(Object node, Map<String, String> env) {
        if (node instanceof String s) {
            return Interpolation.apply(s, env);
        }
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), interpolate(v, env)));
            return out;
        }
        if (node instanceof List<?> l) {
            return l.stream().map(v -> interpolate(v, env)).toList();
        }
        return node;
    }

    Path dir() {
        return dir;
    }

    List<Service> services() {
        List<Service> out = new ArrayList<>();
        asMap(root.get("services"), "services").forEach((name, spec) -> out.add(new Service(name, asMap(spec, name), dir)));
        return out;
    }

    Service service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(this.name + " has no service " + name));
    }

    /** The services built from a module of ours (those with a {@code build:} section). */
    List<Service> built() {
        return services().stream().filter(Service::isBuilt).toList();
    }

    /** Names of the top-level named volumes. */
    List<String> namedVolumes() {
        Object v = root.get("volumes");
        return v == null ? List.of() : List.copyOf(asMap(v, "volumes").keySet());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object node, String where) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map)) {
            throw new AssertionError(where + " should be a mapping, is: " + node);
        }
        return (Map<String, Object>) node;
    }

    static List<?> asList(Object node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> l)) {
            throw new AssertionError(where + " should be a list, is: " + node);
        }
        return l;
    }

    /** One service of the file. */
    record Service(String name, Map<String, Object> spec, Path composeDir) {

        boolean isBuilt() {
            return spec.containsKey("build");
        }

        /** The build context, resolved against the compose file's directory. */
        Path context() {
            Object build = spec.get("build");
            String context = build instanceof String s ? s : (String) asMap(build, name + ".build").get("context");
            if (context == null) {
                throw new AssertionError(name + ": build has no context");
            }
            return composeDir.resolve(context).normalize();
        }

        /** The Dockerfile, resolved against the context as Compose does ({@code Dockerfile} when not given). */
        Path dockerfile() {
            Object build = spec.get("build");
            Object file = build instanceof Map<?, ?> m ? m.get("dockerfile") : null;
            return context().resolve(file == null ? "Dockerfile" : (String) file).normalize();
        }

        /** The module a built service comes from: its context directory's name. */
        String module() {
            return context().getFileName().toString();
        }

        String image() {
            return (String) spec.get("image");
        }

        String command() {
            Object c = spec.get("command");
            return c instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : String.valueOf(c);
        }

        /** Environment variables, from either the mapping or the list form. */
        Map<String, String> environment() {
            Map<String, String> out = new LinkedHashMap<>();
            Object env = spec.get("environment");
            if (env instanceof List<?> l) {
                for (Object item : l) {
                    String s = String.valueOf(item);
                    int eq = s.indexOf('=');
                    out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
                }
            } else {
                asMap(env, name + ".environment").forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
            }
            return out;
        }

        Map<String, Object> healthcheck() {
            return asMap(spec.get("healthcheck"), name + ".healthcheck");
        }

        /** Services this one waits for, with the condition ({@code service_started} for the list form). */
        Map<String, String> dependsOn() {
            Map<String, String> out = new LinkedHashMap<>();
            Object deps = spec.get("depends_on");
            if (deps instanceof List<?> l) {
                l.forEach(d -> out.put(String.valueOf(d), "service_started"));
            } else {
                asMap(deps, name + ".depends_on").forEach((k, v) -> out.put(k,
                        String.valueOf(asMap(v, name + ".depends_on." + k).getOrDefault("condition", "service_started"))));
            }
            return out;
        }

        /** Mounts: container path to source (a named volume's name, or a host path). */
        Map<String, String> mounts() {
            Map<String, String> out = new LinkedHashMap<>();
            for (Object v : asList(spec.get("volumes"), name + ".volumes")) {
                if (v instanceof Map<?, ?> m) {
                    out.put(String.valueOf(m.get("target")), String.valueOf(m.get("source")));
                } else {
                    String[] parts = String.valueOf(v).split(":");
                    if (parts.length >= 2) {
                        out.put(parts[1], parts[0]);
                    }
                }
            }
            return out;
        }

        /** Ports published on the host. */
        List<HostPort> publishedPorts() {
            List<HostPort> out = new ArrayList<>();
            for (Object p : asList(spec.get("ports"), name + ".ports")) {
                if (p instanceof Map<?, ?> m) {
                    if (m.get("published") != null) {
                        out.add(new HostPort(name, m.get("host_ip") == null ? "" : String.valueOf(m.get("host_ip")),
                                Integer.parseInt(String.valueOf(m.get("published"))),
                                m.get("protocol") == null ? "tcp" : String.valueOf(m.get("protocol"))));
                    }
                    continue;
                }
                String s = String.valueOf(p);
                String protocol = "tcp";
                int slash = s.indexOf('/');
                if (slash >= 0) {
                    protocol = s.substring(slash + 1);
                    s = s.substring(0, slash);
                }
                String[] parts = s.split(":");
                if (parts.length == 2) {
                    out.add(new HostPort(name, "", Integer.parseInt(parts[0]), protocol));
                } else if (parts.length == 3) {
                    out.add(new HostPort(name, parts[0], Integer.parseInt(parts[1]), protocol));
                }
            }
            return out;
        }
    }

    /** A port published on the host by a service. */
    record HostPort(String service, String hostIp, int port, String protocol) {

        boolean clashesWith(HostPort o) {
            boolean anyIp = hostIp.isEmpty() || hostIp.equals("0.0.0.0") || o.hostIp.isEmpty() || o.hostIp.equals("0.0.0.0");
            return port == o.port && protocol.equals(o.protocol) && (anyIp || hostIp.equals(o.hostIp));
        }
    }
}
