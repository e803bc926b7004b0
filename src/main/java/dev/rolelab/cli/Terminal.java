package dev.rolelab.cli;

import java.io.Console;

/**
 * Whether a person is at the other end: in a terminal RoleLab may ask and may redraw a line in place;
 * otherwise (a pipe, a file, CI) it never waits for an answer and writes plain lines.
 */
interface Terminal {

    /** True when the output is a terminal someone can answer from. */
    boolean interactive();

    /** Asks and returns the answer, or null when there is no one to answer (end of input). */
    String ask(String question);

    /** Not a terminal: nothing is asked, nothing is redrawn. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String ask(String question) {
            return null;
        }
    };

    /** The process's own terminal: {@link System#console()}, which Java 17 gives only when stdin and stdout are a terminal. */
    static Terminal system() {
        Console console = System.console();
        if (console == null) {
            return NONE;
        }
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String ask(String question) {
                // the question goes through the console's own writer; a '%' in it is not a format
                console.writer().print(question);
                console.writer().flush();
                return console.readLine();
            }
        };
    }

    /**
     * A yes/no question: the answer typed, Enter for {@code byDefault}; with no one to answer,
     * {@code unattended} (stated in the command's help).
     */
    default boolean confirm(String question, boolean byDefault, boolean unattended) {
        if (!interactive()) {
            return unattended;
        }
        String answer = ask(question + (byDefault ? " [Y/n] " : " [y/N] "));
        if (answer == null) {
            return unattended;
        }
        String a = answer.trim().toLowerCase(java.util.Locale.ROOT);
        return a.isEmpty() ? byDefault : a.startsWith("y");
    }
}
