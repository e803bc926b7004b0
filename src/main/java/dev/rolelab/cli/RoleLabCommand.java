package dev.rolelab.cli;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.DataFolder;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rolelab}: the wizard's workflows without a window. */
@Command(name = "rolelab", mixinStandardHelpOptions = true, version = "RoleLab 0.1.0",
        description = {"Give an EC2 instance an IAM role and push a Docker image to ECR with it, then remove everything.",
                "Add --practice to any command to use a simulated account (no AWS account needed)."},
        subcommands = {PlanCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class, SweepCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:invalid input (the message names the option and the rule)", "3:AWS refused or failed",
                "4:a step on the instance failed", "130:cancelled (the ledger is exact; `rolelab down` removes what exists)"})
public final class RoleLabCommand implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RoleLabCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with RoleLab's error handling: worded messages, no stack traces, exit codes as documented. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RoleLabCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof InvalidInput bad) {
                for (Problem p : bad.problems()) {
                    err.println("rolelab: " + (p.isError() ? "" : "warning: ") + "--" + p.field() + ": " + p.message()
                            + (p.line() > 0 ? " (line " + p.line() + ")" : ""));
                }
                err.println("Nothing was created.");
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
            String what = ex.getMessage() == null || ex.getMessage().isBlank() ? "an internal error" : DataFolder.printable(ex.getMessage());
            err.println("rolelab: unexpected failure: " + what + logged(() -> LOG.error("unexpected failure", ex)));
            return 1;
        });
        return cl;
    }

    /** Logs, then says where the details went: only a log file that grew is named (a full disk writes nothing). */
    static String logged(Runnable log) {
        String target = System.getProperty("org.slf4j.simpleLogger.logFile");
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
