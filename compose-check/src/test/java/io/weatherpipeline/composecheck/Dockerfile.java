package io.weatherpipeline.composecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Dockerfile these checks need: what COPY and ADD take from the build context, and the environment
 * its ENV instructions set ({@code ENV KEY="value" KEY2=value}, the form our Dockerfiles use).
 */
record Dockerfile(Path file, List<String> contextSources, Map<String, String> env) {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

    static Dockerfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        List<String> sources = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (String instruction : instructions(lines)) {
            String[] words = instruction.trim().split("\\s+");
            String keyword = words[0].toUpperCase();
            if (keyword.equals("ENV")) {
                Matcher m = ENV_PAIR.matcher(instruction.trim().substring(3));
                while (m.find()) {
                    env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
                }
                continue;
            }
            if (!keyword.equals("COPY") && !keyword.equals("ADD")) {
                continue;
            }
            List<String> args = new ArrayList<>(Arrays.asList(words).subList(1, words.length));
            if (args.stream().anyMatch(a -> a.startsWith("--from="))) {
                continue; // from another stage or image, not from the context
            }
            args.removeIf(a -> a.startsWith("--"));
            if (!args.isEmpty() && args.get(0).startsWith("[")) {
                throw new AssertionError(file + ": the JSON form of " + keyword + " is not understood by this check: "
                        + instruction);
            }
            if (args.size() < 2) {
                throw new AssertionError(file + ": " + keyword + " without source and destination: " + instruction);
            }
            sources.addAll(args.subList(0, args.size() - 1));
        }
        return new Dockerfile(file, List.copyOf(sources), Map.copyOf(env));
    }

    /** Lines joined at trailing backslashes, comments and blank lines dropped. */
    private static List<String> instructions(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String t = line.trim();
            if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            out.add(current.toString());
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    /**
     * The ignore file BuildKit applies: {@code <Dockerfile>.dockerignore} beside the Dockerfile,
     * else {@code .dockerignore} at the root of the context.
     */
    Optional<Path> ignoreFile(Path context) {
        Path beside = file.resolveSibling(file.getFileName() + ".dockerignore");
        if (Files.exists(beside)) {
            return Optional.of(beside);
        }
        Path inContext = context.resolve(".dockerignore");
        return Files.exists(inContext) ? Optional.of(inContext) : Optional.empty();
    }
}
