package io.weatherpipeline.soak;

/**
 * One sink's reconciliation against table {@code temperatures}.
 *
 * @param sink what was checked
 * @param ok whether it holds exactly what it must
 * @param detail the figures, or the first differences found
 */
public record Verdict(String sink, boolean ok, String detail) {
}
