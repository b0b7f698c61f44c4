package io.weatherpipeline.composecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A .dockerignore: the last pattern that matches a path, or one of its parent directories,
 * decides; {@code !pattern} puts a path back. Globs as in Docker ({@code *} within one path
 * element, {@code **} across them).
 */
final class DockerIgnore {

    private record Rule(PathMatcher matcher, boolean include) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    static DockerIgnore read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static DockerIgnore parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String line : lines) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            boolean include = t.startsWith("!");
            String pattern = include ? t.substring(1).trim() : t;
            pattern = pattern.replaceAll("^/+", "").replaceAll("/+$", "");
            rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + pattern), include));
        }
        return new DockerIgnore(rules);
    }

    /** True when {@code relative} (a path inside the context) is left out of the build context. */
    boolean excludes(Path relative) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesOrParentMatches(rule.matcher(), relative)) {
                excluded = !rule.include();
            }
        }
        return excluded;
    }

    private static boolean matchesOrParentMatches(PathMatcher matcher, Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (matcher.matches(p)) {
                return true;
            }
        }
        return false;
    }
}
