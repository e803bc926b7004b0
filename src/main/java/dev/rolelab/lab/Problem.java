package dev.rolelab.lab;

/**
 * One finding about what the user typed: which field, what rule it breaks, and whether it stops the lab.
 *
 * @param field    the field in the user's words (also the CLI option without dashes, e.g. {@code cidr})
 * @param message  what is wrong and what to do, in one sentence
 * @param severity an error blocks the lab; a warning is shown and allowed
 * @param line     the 1-based line in a document (policy, Dockerfile) where it applies, or 0
 */
public record Problem(String field, String message, Severity severity, int line) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String field, String message) {
        return new Problem(field, message, Severity.ERROR, 0);
    }

    public static Problem warning(String field, String message) {
        return new Problem(field, message, Severity.WARNING, 0);
    }

    public Problem atLine(int line) {
        return new Problem(field, message, severity, line);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (isError() ? "" : "warning: ") + field + ": " + message + (line > 0 ? " (line " + line + ")" : "");
    }
}
