package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.BuildPage;
import dev.rolelab.gui.util.FxTaskExecutor;
import dev.rolelab.host.Host;
import dev.rolelab.host.HostException;
import dev.rolelab.host.Hosts;
import dev.rolelab.host.Output;
import dev.rolelab.practice.PracticeHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Build and push page on a real stage (headless Monocle), in a window too small for its checklist. */
@ExtendWith(ApplicationExtension.class)
class BuildPageTest {

    @TempDir
    static Path home;

    PracticeLab lab;
    BuildPage page;
    /** The push waits for this, so that it runs long. */
    final CountDownLatch pushMayEnd = new CountDownLatch(1);

    @Start
    void start(Stage stage) throws Exception {
        lab = new PracticeLab(Files.createTempDirectory(home, "data"), new FxTaskExecutor(2));
        PracticeHosts practice = lab.practiceHosts();
        lab.hosts = new Hosts() {
            @Override
            public void awaitSsh(String address, int port, Duration deadline, Consumer<String> progress, BooleanSupplier cancelled) {
                practice.awaitSsh(address, port, deadline, progress, cancelled);
            }

            @Override
            public Host open(Target target) {
                Host h = practice.open(target);
                return new Host() {
                    @Override
                    public int run(String command, byte[] stdin, Output output) {
                        if (command.startsWith("docker push")) {
                            try {
                                pushMayEnd.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new HostException(HostException.Kind.CANCELLED, "cancelled", e);
                            }
                        }
                        return h.run(command, stdin, output);
                    }

                    @Override
                    public void upload(String remotePath, byte[] content) {
                        h.upload(remotePath, content);
                    }

                    @Override
                    public void cancel() {
                        pushMayEnd.countDown();
                        h.cancel();
                    }

                    @Override
                    public void close() {
                        h.close();
                    }
                };
            }
        };
        page = new BuildPage(lab.model, null);
        Scene scene = new Scene((javafx.scene.Parent) page.view(), 1000, 420);
        scene.getStylesheets().add(WizardWindow.class.getResource("rolelab.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        pushMayEnd.countDown();
        lab.model.services().executor().shutdown();
    }

    @Test
    void theRowOfALongStepIsScrolledIntoView(FxRobot robot) {
        robot.interact(page::onEnter);
        Node push = robot.lookup("#row-push").query();
        Node p = push.getParent();
        while (!(p instanceof ScrollPane)) {
            p = p.getParent();
        }
        ScrollPane steps = (ScrollPane) p;
        assertTrue(!onFx(() -> inView(steps, push)), "the push's row starts below the fold (the test needs a small window)");
        waitUntil("the push to run", 20, () -> push.getAccessibleText().contains("in progress"));
        waitUntil("the push's row to be scrolled into view", 10, () -> inView(steps, push));
        double scrolled = onFx(steps::getVvalue);
        assertTrue(scrolled > 0, "scrolled: " + scrolled);
        pushMayEnd.countDown();
        waitUntil("the run to finish", 20, () -> robot.lookup("#build-status").queryLabeled().getText().startsWith("Done"));
    }

    private static void waitUntil(String what, int seconds, java.util.function.BooleanSupplier condition) {
        try {
            // the condition reads nodes' bounds and texts: on the FX thread, never beside a pulse computing them
            org.testfx.util.WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited " + seconds + " s for: " + what);
        }
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading the page on the FX thread failed", e);
        }
    }

    private static boolean inView(ScrollPane pane, Node row) {
        Bounds view = pane.localToScene(pane.getLayoutBounds());
        Bounds b = row.localToScene(row.getBoundsInLocal());
        return b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY();
    }
}
