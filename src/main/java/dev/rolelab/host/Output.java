package dev.rolelab.host;

/** Receives a command's output as it arrives, line by line ({@code \r} progress kept inside a line). */
@FunctionalInterface
public interface Output {

    enum Stream { STDOUT, STDERR }

    void line(Stream stream, String line);

    Output DISCARD = (s, l) -> { };
}
