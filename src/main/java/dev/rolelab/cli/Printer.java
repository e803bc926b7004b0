package dev.rolelab.cli;

import dev.rolelab.run.Event;
import dev.rolelab.run.Events;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Workflow events as readable lines, with the time since the command started. */
final class Printer implements Events {
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private final boolean unicode;

    Printer(PrintWriter out) {
        this.out = out;
        this.unicode = StandardCharsets.UTF_8.equals(Charset.defaultCharset());
    }

    @Override
    public synchronized void emit(Event e) {
        if (e.type() == Event.Type.OUTPUT) {
            out.println("    " + e.message());
            out.flush();
            return;
        }
        String mark = switch (e.type()) {
            case STARTED -> unicode ? "▶" : ">";
            case DONE -> unicode ? "✓" : "ok";
            case FAILED -> unicode ? "✗" : "FAILED";
            case RETRYING -> unicode ? "↻" : "retry";
            case SKIPPED -> "-";
            case PROGRESS -> unicode ? "…" : "..";
            default -> unicode ? "•" : "*";
        };
        double secs = (System.nanoTime() - start) / 1e9;
        String detail = e.message().isEmpty() ? "" : (unicode ? " — " : " - ") + e.message();
        out.printf("[%6.1fs] %s %s%s%n", secs, mark, e.title(), detail);
        out.flush();
    }
}
