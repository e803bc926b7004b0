package dev.rolelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.run.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PrinterTest {

    private static String print(Terminal terminal, String line) {
        StringWriter s = new StringWriter();
        new Printer(new PrintWriter(s), terminal).emit(Event.of(Event.Type.OUTPUT, "push", "stdout", line));
        return s.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void plainLinesKeepOnlyTheFinalStateAndNoEscapes() {
        assertEquals("    a1: Pushing 3.2MB\n", print(Terminal.NONE, "a1: Pushing 1.2MB\ra1: Pushing 3.2MB"));
        assertEquals("    done\n", print(Terminal.NONE, "done\r\r"), "a line ending in a carriage return keeps the frame before it");
        assertEquals("    green and bold\n", print(Terminal.NONE, "\u001B[32mgreen\u001B[0m and \u001B[1mbold\u001B[0m"));
        assertEquals("    up two lines\n", print(Terminal.NONE, "\u001B[2A\u001B[2Kup two lines\u0007"));
        assertEquals("    title gone\n", print(Terminal.NONE, "\u001B]0;a window title\u0007title gone"));
        assertEquals("    tab\tkept\n", print(Terminal.NONE, "tab\tkept"));
    }

    @Test
    void inATerminalEachFrameIsDrawnOverTheLastAtTheIndent() {
        assertEquals("    Pushing 1.2MB\u001B[K\r    Pushed\u001B[K\n", print(new ScriptedTerminal(), "Pushing 1.2MB\rPushed"));
        assertEquals("    plain\u001B[K\n", print(new ScriptedTerminal(), "plain"));
        // colours stay (and are reset after the line); cursor moves would draw elsewhere, so they go
        assertEquals("    \u001B[32mok\u001B[0m\u001B[K\u001B[0m\n", print(new ScriptedTerminal(), "\u001B[1A\u001B[32mok\u001B[0m"));
    }

    @Test
    void eventDetailsAreFinalStatesToo() {
        StringWriter s = new StringWriter();
        new Printer(new PrintWriter(s), new ScriptedTerminal()).emit(Event.of(Event.Type.FAILED, "PUSH", "Push the image", "1.2MB\rdenied\u001B[0m"));
        assertTrue(s.toString().endsWith("Push the image — denied" + System.lineSeparator())
                || s.toString().endsWith("Push the image - denied" + System.lineSeparator()), s.toString());
    }
}
