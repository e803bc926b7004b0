package dev.rolelab;

import dev.rolelab.cli.RoleLabCommand;
import dev.rolelab.lab.DataFolder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts RoleLab: with no arguments the wizard, with a subcommand the CLI. A plain class, not a
 * JavaFX Application, so it runs from the classpath.
 */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        configureLogging();
        if (args.length == 1 && args[0].equals("--exit-after-first-frame")) {
            // the installer's smoke test and the start-up benchmark: open the wizard, leave once it is drawn
            System.setProperty("rolelab.exitAfterFirstFrame", "true");
            args = new String[0];
        }
        if (args.length == 0) {
            // JavaFX warns when it runs from the classpath; that is how RoleLab runs, so the warning is noise
            java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
            // FXMLLoader and its XML parser load on the other core while this thread starts the toolkit (the main thread
            // only waits there): the Welcome page's FXML then parses warm
            Thread fxml = new Thread(dev.rolelab.gui.util.Fxml::warmUp, "rolelab-fxml-warm-up");
            fxml.setDaemon(true);
            fxml.start();
            try {
                javafx.application.Application.launch(dev.rolelab.gui.RoleLabApp.class);
            } catch (RuntimeException | LinkageError e) {
                org.slf4j.LoggerFactory.getLogger(Main.class).error("the window could not open", e);
                System.err.println(dev.rolelab.gui.WindowStartFailure.explain(e));
                System.exit(1);
            }
            return;
        }
        System.exit(RoleLabCommand.commandLine().execute(args));
    }

    /** SLF4J simple logger into the data folder (never the console, where it would mix with the output). */
    static void configureLogging() {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") != null) {
            return;
        }
        // the data folder's log if it can be written, else one in the temp folder: never the console
        Optional<Path> log = DataFolder.logFile(DataFolder.resolve());
        if (log.isEmpty()) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        System.setProperty("org.slf4j.simpleLogger.log.software.amazon.awssdk", "warn");
        // slf4j-simple opens a named log file truncating it, so the next `rolelab status` (or a second process)
        // would erase the details an error pointed at. It can instead keep the System.err it finds at start-up:
        // hand it an appending stream on the log for that moment, then give the console its System.err back.
        java.io.PrintStream console = System.err;
        try {
            java.io.PrintStream appending = new java.io.PrintStream(new java.io.FileOutputStream(log.get().toFile(), true), true,
                    java.nio.charset.StandardCharsets.UTF_8);
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
            System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "true");
            System.setErr(appending);
            org.slf4j.LoggerFactory.getLogger(Main.class); // the logger configures itself now, keeping `appending`
        } catch (java.io.IOException e) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
            return;
        } finally {
            System.setErr(console);
        }
        System.setProperty(RoleLabCommand.LOG_FILE_PROPERTY, log.get().toString());
    }
}
