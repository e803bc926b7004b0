package dev.rolelab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in this JVM against a data folder of its own, practice mode at full speed. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Path home, String... args) {
        return run(Terminal.NONE, home, args);
    }

    /** As if run in {@code terminal}: the questions it answers, the lines it may redraw. */
    static CliRun run(Terminal terminal, Path home, String... args) {
        String before = System.getProperty("rolelab.home");
        System.setProperty("rolelab.home", home.toString());
        System.setProperty("rolelab.practice.timing", "instant");
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var cl = RoleLabCommand.commandLine(terminal);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            if (before == null) {
                System.clearProperty("rolelab.home");
            } else {
                System.setProperty("rolelab.home", before);
            }
        }
    }
}
