package io.weatherpipeline.composecheck;

import java.util.Map;

/**
 * Compose's variable substitution in a value: {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}
 * (default when unset or empty), {@code ${NAME-default}} (default when unset), {@code ${NAME:?message}},
 * {@code ${NAME?message}} (required) and {@code $$} for a literal dollar.
 */
final class Interpolation {

    private Interpolation() {
    }

    static String apply(String value, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
            } else if (i + 1 < value.length() && value.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (i + 1 < value.length() && value.charAt(i + 1) == '{') {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("Unclosed ${ in: " + value);
                }
                out.append(braced(value.substring(i + 2, end), env, value));
                i = end + 1;
            } else {
                int end = i + 1;
                while (end < value.length() && (Character.isLetterOrDigit(value.charAt(end)) || value.charAt(end) == '_')) {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException("A lone $ (write $$) in: " + value);
                }
                out.append(env.getOrDefault(value.substring(i + 1, end), ""));
                i = end;
            }
        }
        return out.toString();
    }

    private static String braced(String expr, Map<String, String> env, String whole) {
        int op = 0;
        while (op < expr.length() && (Character.isLetterOrDigit(expr.charAt(op)) || expr.charAt(op) == '_')) {
            op++;
        }
        String name = expr.substring(0, op);
        String rest = expr.substring(op);
        String set = env.get(name);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("No variable name in ${" + expr + "} in: " + whole);
        }
        if (rest.isEmpty()) {
            return set == null ? "" : set;
        }
        if (rest.startsWith(":-")) {
            return set == null || set.isEmpty() ? rest.substring(2) : set;
        }
        if (rest.startsWith("-")) {
            return set == null ? rest.substring(1) : set;
        }
        if (rest.startsWith(":?") || rest.startsWith("?")) {
            boolean emptyCounts = rest.startsWith(":?");
            if (set == null || (emptyCounts && set.isEmpty())) {
                throw new IllegalArgumentException("Required variable " + name + " is not set: "
                        + rest.substring(emptyCounts ? 2 : 1));
            }
            return set;
        }
        throw new IllegalArgumentException("Unsupported substitution ${" + expr + "} in: " + whole);
    }
}
