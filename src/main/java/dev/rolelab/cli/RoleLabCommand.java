package dev.rolelab.cli;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.DataFolder;
import dev.rolelab.lab.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import dev.rolelab.lab.LedgerStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rolelab}: the wizard's workflows without a window. */
@Command(name = "rolelab", mixinStandardHelpOptions = true, versionProvider = RoleLabCommand.Version.class,
        // every subcommand gets -h/--help and -V/--version, and the same exit codes, without repeating them
        scope = CommandLine.ScopeType.INHERIT,
        description = {"Give an EC2 instance an IAM role and push a Docker image to ECR with it, then remove everything.",
                "Without a command, rolelab opens the wizard. Add --practice to plan, up, sweep or permissions to use a simulated "
                        + "account (no AWS account needed); down and status act on the labs this computer knows, practice or real.",
                "`rolelab COMMAND --help` shows a command's options."},
        subcommands = {PlanCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class, SweepCommand.class, PermissionsCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:an unexpected failure, a lab in use by another run, or a data folder that cannot be used (details in the log file)",
                "2:invalid input (the message names the option and the rule)", "3:AWS refused or failed",
                "4:a step on the instance failed", "130:cancelled (the ledger is exact; `rolelab down` removes what exists)"})
public final class RoleLabCommand implements Runnable {

    /** {@code rolelab --version}: the Maven project's version, written into a resource when it is built. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"RoleLab " + version(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }

        static String version() {
            Properties p = new Properties();
            try (InputStream in = RoleLabCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                LOG.warn("cannot read the version resource", e);
            }
            String v = p.getProperty("version");
            // unfiltered (run from an IDE that does not run Maven's resources phase): say so rather than show ${…}
            return v == null || v.startsWith("$") ? "(version unknown: not built by Maven)" : v;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RoleLabCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Terminal terminal;

    RoleLabCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Where questions go and whether lines may be redrawn; subcommands reach it as their parent command. */
    Terminal terminal() {
        return terminal;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with RoleLab's error handling: worded messages, no stack traces, exit codes as documented. */
    public static CommandLine commandLine() {
        return commandLine(Terminal.system());
    }

    static CommandLine commandLine(Terminal terminal) {
        CommandLine cl = new CommandLine(new RoleLabCommand(terminal));
        cl.setParameterExceptionHandler(RoleLabCommand::badUsage);
        // where the ledgers are is a fact of this computer, so it is filled in here, not in the annotation
        cl.getCommandSpec().usageMessage().footerHeading("%n").footer("The data folder " + DataFolder.resolve()
                + " holds the ledgers (labs/), the generated keys (keys/), the practice account and rolelab.log; ROLELAB_HOME moves it.");
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof InvalidInput bad) {
                for (Problem p : bad.problems()) {
                    err.println("rolelab: " + (p.isError() ? "" : "warning: ") + "--" + p.field() + ": " + p.message()
                            + (p.line() > 0 ? " (line " + p.line() + ")" : ""));
                }
                err.println(nothingDone(commandLine.getCommandName()));
                return ExitCodes.INVALID_INPUT;
            }
            if (ex instanceof CloudException c) {
                LOG.warn("AWS call failed: {}", c.describe(), c);
                err.println("rolelab: " + c.describe());
                return ExitCodes.CLOUD_FAILED;
            }
            if (ex instanceof LedgerStore.Refused refused) {
                // the data folder or a ledger: worded where it arose (what, why, what to do)
                err.println("rolelab: " + refused.getMessage() + logged(() -> LOG.warn("ledger: {}", refused.getMessage(), refused)));
                return 1;
            }
            err.println("rolelab: " + dev.rolelab.run.Failures.describe(ex) + logged(() -> LOG.error("unexpected failure", ex)));
            return 1;
        });
        return cl;
    }

    /** What a refused command did not do, in its own terms (down and sweep create nothing: they would have removed). */
    static String nothingDone(String command) {
        return switch (command) {
            case "down" -> "Nothing was removed.";
            case "sweep" -> "Nothing was deleted.";
            case "status", "permissions" -> "Nothing was done.";
            default -> "Nothing was created.";
        };
    }

    /** A mistyped command line: the mistake, a suggestion, where the help is; not the whole usage, which buries it. */
    private static int badUsage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("rolelab: " + String.valueOf(ex.getMessage()).replaceFirst("^Error: ", "")); // picocli's own prefix, once is enough
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See `" + cl.getCommandSpec().qualifiedName() + " --help` for the options.");
        err.println("Nothing was done.");
        err.flush();
        return ExitCodes.INVALID_INPUT;
    }

    /** The log file Main opened for appending (the logger itself then writes to a stream, not a named file). */
    public static final String LOG_FILE_PROPERTY = "rolelab.logFile";

    /** Logs, then says where the details went: only a log file that grew is named (a full disk writes nothing). */
    static String logged(Runnable log) {
        String target = System.getProperty(LOG_FILE_PROPERTY, System.getProperty("org.slf4j.simpleLogger.logFile"));
        Path file = target == null || target.startsWith("System.") ? null : Path.of(target);
        long before = size(file);
        log.run();
        if (file == null) {
            return "";
        }
        return size(file) > before ? " (details in the log file " + file + ")" : " (the log file " + file + " could not be written)";
    }

    private static long size(Path file) {
        try {
            return file == null ? -1 : Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
