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

    /** {@code up --practice --keep} in {@code home}, which must succeed: the id of the lab it left. */
    static String upKeep(Path home) {
        CliRun up = run(home, "up", "--practice", "--keep");
        if (up.exit() != 0) {
            throw new AssertionError("up --keep exited " + up.exit() + ": " + up.err() + up.out());
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Lab id: (lab-[0-9a-f]{8})").matcher(up.out());
        if (!m.find()) {
            throw new AssertionError("up printed no lab id: " + up.out());
        }
        return m.group(1);
    }
}
