package dev.rolelab.cli;

import dev.rolelab.run.Event;
import dev.rolelab.run.Events;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Workflow events as readable lines, with the time since the command started. Remote output with
 * carriage-return progress (docker push) is redrawn in place in a terminal; anywhere else (a pipe, a
 * file, CI) each line is plain: only its final state, no escape codes.
 */
final class Printer implements Events {
    /** ESC sequences: CSI (colours, cursor moves, clearing), OSC (window titles), and the two-character ones. */
    private static final Pattern ESCAPES = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[@-Z\\\\-_])");
    /** Colours only: the one kind of escape that cannot move the cursor off the line being drawn. */
    private static final Pattern COLOUR = Pattern.compile("\u001B\\[[0-9;]*m");
    /** Control characters other than tab (a stray backspace or bell would garble the line too). */
    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F]");
    private static final String INDENT = "    ";
    private static final String CLEAR_TO_END = "\u001B[K";
    private static final String RESET = "\u001B[0m";

    private final PrintWriter out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final boolean unicode;

    /** Plain lines, as for a file. */
    Printer(PrintWriter out) {
        this(out, Terminal.NONE);
    }

    Printer(PrintWriter out, Terminal terminal) {
        this.out = out;
        this.terminal = terminal.interactive();
        this.unicode = StandardCharsets.UTF_8.equals(Charset.defaultCharset());
    }

    /** Where a failure's advice begins ({@code CloudException#describe}). */
    private static final String ADVICE = "\n  What to do: ";

    @Override
    public synchronized void emit(Event e) {
        if (e.type() == Event.Type.OUTPUT) {
            out.println(terminal ? inPlace(e.message()) : INDENT + plain(finalState(e.message())));
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
        String message = e.message();
        int advice = message.indexOf(ADVICE);
        if (e.type() == Event.Type.FAILED && advice >= 0) {
            // the command's closing error on stderr gives the advice, once, with the reason
            message = message.substring(0, advice);
        }
        String detail = message.isEmpty() ? "" : (unicode ? " — " : " - ") + plain(finalState(message));
        out.printf("[%6.1fs] %s %s%s%n", secs, mark, e.title(), detail);
        out.flush();
    }

    /**
     * What a terminal would show of a line after its carriage returns: the text after the last one, or,
     * when the line ends in one (a CRLF line, a progress frame), the text after the one before.
     */
    static String finalState(String line) {
        String text = line;
        while (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.substring(text.lastIndexOf('\r') + 1);
    }

    /** The text with every escape sequence and control character removed (tabs stay). */
    static String plain(String text) {
        return CONTROLS.matcher(ESCAPES.matcher(text).replaceAll("")).replaceAll("");
    }

    /**
     * Each carriage-return frame drawn over the one before, indented like every output line and cleared
     * to the end so a shorter frame leaves nothing of a longer one. Colours are kept; cursor moves are not.
     */
    static String inPlace(String line) {
        String[] frames = line.split("\r");
        StringBuilder b = new StringBuilder();
        boolean coloured = false;
        for (String frame : frames) {
            coloured |= COLOUR.matcher(frame).find();
            if (b.length() > 0) {
                b.append('\r');
            }
            b.append(INDENT).append(keepColours(frame)).append(CLEAR_TO_END);
        }
        if (b.length() == 0) {
            b.append(INDENT);
        }
        return coloured ? b.append(RESET).toString() : b.toString();
    }

    /** The frame with its colour codes and without any other escape or control character. */
    private static String keepColours(String frame) {
        StringBuilder b = new StringBuilder();
        var m = COLOUR.matcher(frame);
        int at = 0;
        while (m.find()) {
            b.append(plain(frame.substring(at, m.start()))).append(m.group());
            at = m.end();
        }
        return b.append(plain(frame.substring(at))).toString();
    }
}
