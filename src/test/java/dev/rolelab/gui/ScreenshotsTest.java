package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.practice.PracticeCloud;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every page, light and dark, from a practice run: written to src/site/resources/screenshots/ for the README. With
 * {@code -Drolelab.shots=DIR} they go to DIR instead, at the screen's scale (200 % under {@code -Dglass.gtk.uiScale=2}),
 * each beside a capture of the whole screen, window manager and all (see the README, "Looking at the pages").
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {

    static final String ELSEWHERE = System.getProperty("rolelab.shots", "");
    static final Path OUT = ELSEWHERE.isEmpty() ? Path.of("src", "site", "resources", "screenshots") : Path.of(ELSEWHERE);

    @TempDir
    static Path home;

    WizardWindow window;
    Services services;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory(home, "data");
        Services s = Wiring.practiceAt(data, PracticeCloud.Timing.INSTANT, Duration.ZERO, true);
        services = new Services(data, s.ledgers(), s.executor(), s.clouds(), s.hosts(), s.waits(), s.regionNames(), java.util.Map::of, () -> false);
        window = new WizardWindow(stage, services);
        stage.setWidth(1180);
        stage.setHeight(820);
        stage.show();
    }

    @AfterEach
    void stop() {
        services.executor().shutdown();
    }

    private void shoot(FxRobot robot, String theme) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        int i = window.index();
        String name = String.format("%02d-%s-%s.png", i + 1, window.titles().get(i).toLowerCase().replaceAll("[^a-z]+", "-"), theme);
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> {
            javafx.scene.SnapshotParameters at = new javafx.scene.SnapshotParameters();
            javafx.stage.Window w = window.scene().getWindow();
            at.setTransform(javafx.scene.transform.Transform.scale(w.getOutputScaleX(), w.getOutputScaleY()));
            image[0] = window.scene().getRoot().snapshot(at, null);
        });
        BufferedImage png = SwingFXUtils.fromFXImage(image[0], null);
        Files.createDirectories(OUT);
        ImageIO.write(png, "png", OUT.resolve(name).toFile());
        if (!ELSEWHERE.isEmpty()) { // the whole screen too: the window as the window manager shows it
            Process p = new ProcessBuilder("import", "-window", "root", OUT.resolve(name.replace(".png", "-screen.png")).toString())
                    .inheritIO().start();
            assertTrue(p.waitFor() == 0, "ImageMagick's import could not capture the screen");
        }
        assertTrue(Files.size(OUT.resolve(name)) > 10_000, name + " is nearly empty");
    }

    private void walk(FxRobot robot, String theme) throws Exception {
        WizardRobot w = new WizardRobot(robot, window);
        if (theme.equals("dark")) {
            w.click("#theme");
        }
        shoot(robot, theme);
        w.next(5);
        w.waitUntil("identity", 10, () -> w.text("#identity").contains("123456789012"));
        shoot(robot, theme);
        w.next(10);
        w.waitUntil("network", 10, () -> w.text("#vpc-status").contains("subnet-") && w.text("#cidr").endsWith("/32"));
        shoot(robot, theme);
        w.next(10);
        w.waitUntil("key name checked", 10, w::nextEnabled); // the shot shows the page as a person sees it, not mid-check
        shoot(robot, theme);
        w.next(10);
        w.waitUntil("names checked", 10, w::nextEnabled);
        shoot(robot, theme);
        w.next(10);
        shoot(robot, theme);
        w.next(10);
        w.waitUntil("provisioned", 30, w::nextEnabled);
        shoot(robot, theme);
        w.next(5);
        w.waitUntil("pushed", 30, w::nextEnabled);
        shoot(robot, theme);
        w.next(5);
        shoot(robot, theme);
        w.next(5);
        w.click("#remove-everything");
        w.waitUntil("removed", 30, () -> w.text("#cleanup-status").startsWith("Everything is removed"));
        shoot(robot, theme);
        w.next(5);
        shoot(robot, theme);
    }

    @Test
    void everyPageLight(FxRobot robot) throws Exception {
        walk(robot, "light");
    }

    @Test
    void everyPageDark(FxRobot robot) throws Exception {
        walk(robot, "dark");
    }
}
