package dev.rolelab.gui;

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
        services = Wiring.production(DataFolder.resolve());
        var icon = RoleLabApp.class.getResourceAsStream("rolelab.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        new WizardWindow(stage, services);
        stage.show();
        if (Boolean.getBoolean("rolelab.exitAfterFirstFrame")) {
            // the installer test and the start-up benchmark: the first frame is on screen, that is all they wait for
            javafx.application.Platform.runLater(() -> {
                System.out.println("rolelab: first frame shown");
                javafx.application.Platform.exit();
            });
        }
    }

    @Override
    public void stop() {
        if (services != null) {
            services.executor().shutdown();
        }
    }
}
