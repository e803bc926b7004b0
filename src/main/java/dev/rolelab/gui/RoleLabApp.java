package dev.rolelab.gui;

import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Fxml;
import dev.rolelab.gui.util.Settings;
import dev.rolelab.lab.DataFolder;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: one wizard window on the production adapters. */
public final class RoleLabApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(RoleLabApp.class);
    private Services services;

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> LOG.error("uncaught on {}", t.getName(), e));
        // the first icon finds its pack among Ikonli's handlers and loads its 1.3 MB font (~100 ms): on the other
        // core, while this thread reads the settings, sets the theme and builds the frame (~40 ms sooner on screen)
        Thread iconFont = new Thread(() -> Forms.icon("mdi2s-shield-key-outline"), "rolelab-icon-font");
        iconFont.setDaemon(true);
        iconFont.start();
        services = Wiring.production(DataFolder.resolve());
        Settings settings = Settings.load(services.data().resolve("settings.properties"));
        WizardWindow.theme(settings.dark); // before any control: Modena is then never loaded
        // the first page's layout is read on another thread while this one builds the window's frame
        Fxml.preload(Pages.all().get(0).type());
        boolean probe = Boolean.getBoolean("rolelab.exitAfterFirstFrame");
        if (probe) {
            stage.setOnShown(e -> System.out.println("rolelab: first frame shown"));
        }
        new WizardWindow(stage, services, settings);
        stage.show();
        // the taskbar icon can follow the first frame: decoding it is not worth the wait
        var icon = RoleLabApp.class.getResourceAsStream("rolelab.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        // after the first frame: load the AWS SDK's classes while the user reads the welcome page
        services.executor().run(() -> services.regionNames().get(), names -> { }, t -> LOG.warn("warming the AWS SDK failed", t));
        if (probe) {
            // the installer test and the start-up benchmark: wait for two pulses (the page laid out and drawn), then leave
            new javafx.animation.AnimationTimer() {
                private int frames;

                @Override
                public void handle(long now) {
                    if (++frames == 2) {
                        stop();
                        System.out.println("rolelab: wizard interactive");
                        System.out.println("rolelab: peak RSS " + peakRssKb() + " kB");
                        javafx.application.Platform.exit();
                    }
                }
            }.start();
        }
    }

    /** VmHWM from /proc (Linux): the most memory this process has had resident. */
    static long peakRssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return -1;
    }

    @Override
    public void stop() {
        if (services != null) {
            services.executor().shutdown();
        }
    }
}
