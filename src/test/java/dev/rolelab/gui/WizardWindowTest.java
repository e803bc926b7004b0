package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.WelcomePage;
import dev.rolelab.gui.util.Settings;
import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The frame: closing, asking, sizes; with pages of its own where a real page cannot show the case. */
@ExtendWith(ApplicationExtension.class)
class WizardWindowTest {

    @TempDir
    static Path home;

    Stage stage;
    Services services;

    /** A page that runs something and whose stop() fails. */
    static final class StuckPage implements Page {
        private final Label view = new Label("running");

        @Override
        public String title() {
            return "Stuck";
        }

        @Override
        public Node view() {
            return view;
        }

        @Override
        public ObservableBooleanValue busy() {
            return YES;
        }

        @Override
        public void stop() {
            throw new IllegalStateException("the run would not stop");
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path data = Files.createTempDirectory(home, "data");
        Services s = Wiring.practiceAt(data, PracticeCloud.Timing.INSTANT, Duration.ZERO, true);
        services = new Services(data, s.ledgers(), s.executor(), s.clouds(), s.hosts(), s.waits(), s.regionNames(), java.util.Map::of, () -> false);
    }

    @AfterEach
    void stop() {
        services.executor().shutdown();
    }

    private WizardWindow open(FxRobot robot, List<Pages.Entry> pages) {
        WizardWindow[] w = new WizardWindow[1];
        robot.interact(() -> {
            w[0] = new WizardWindow(stage, services, Settings.load(services.data().resolve("settings.properties")), pages);
            stage.show();
        });
        return w[0];
    }

    private static Button button(FxRobot robot, ButtonBar.ButtonData data) {
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        return (Button) dialog.lookupButton(dialog.getButtonTypes().stream().filter(b -> b.getButtonData() == data).findFirst().orElseThrow());
    }

    @Test
    void aPageWhoseStopFailsStillLetsTheWindowClose(FxRobot robot) {
        open(robot, List.of(new Pages.Entry("Stuck", StuckPage.class, w -> new StuckPage())));
        robot.interact(() -> stage.getScene().getRoot().requestFocus());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        Button stopAndClose = button(robot, ButtonBar.ButtonData.OK_DONE);
        // finding 3: the dialog is as wide as its text and buttons
        assertTrue(stopAndClose.getWidth() >= stopAndClose.prefWidth(-1) - 0.5, "\"" + stopAndClose.getText() + "\" is not cut");
        Label text = (Label) robot.lookup(".dialog-pane .dialog-text").query();
        assertTrue(text.getHeight() >= text.prefHeight(text.getWidth()) - 0.5, "the question is not cut: " + text.getText());
        robot.clickOn(stopAndClose);
        try {
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> !stage.isShowing());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the window stayed open after a failed stop()");
        }
    }

    @Test
    void escOnWelcomeWithNothingCreatedLeavesWithoutAsking(FxRobot robot) {
        open(robot, Pages.all());
        robot.interact(() -> stage.getScene().getRoot().requestFocus());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup(".dialog-pane").tryQuery().isPresent(), "nothing to lose: no question");
        assertFalse(stage.isShowing());
    }

    @Test
    void theStepBarIsNotAMenuAndMarksOnlyWhatWasDone(FxRobot robot) {
        WizardWindow w = open(robot, Pages.all());
        robot.interact(() -> w.goTo(dev.rolelab.gui.pages.CleanupPage.class));
        for (String t : w.titles()) {
            assertFalse(w.finished(t), "jumping to Clean up finishes nothing: " + t);
        }
        List<Label> steps = robot.lookup(".step").queryAllAs(Label.class).stream().toList();
        assertEquals(w.titles().size(), steps.size(), "the bar is built from the pages' titles");
        assertTrue(steps.stream().noneMatch(l -> l.getStyleClass().contains("step-done")));
        assertEquals(WelcomePage.TITLE, w.titles().get(0));
        robot.interact(() -> w.scene().getRoot().applyCss());
        // the check mark keeps its place on every step (so the bar never re-wraps) and shows on done steps only
        assertTrue(steps.stream().allMatch(l -> l.getGraphic() instanceof javafx.scene.layout.Pane mark && mark.getChildrenUnmodifiable().isEmpty()
                && mark.getWidth() == 13), "every step keeps the check mark's place, and none has the mark");
    }

    @Test
    void aFirstStartOpensLargerThanTheMinimumAndAMinimumSizeIsNotRemembered(FxRobot robot) throws Exception {
        Files.writeString(services.data().resolve("settings.properties"), "width=860.0\nheight=600.0\n");
        assertFalse(Settings.load(services.data().resolve("settings.properties")).remembered());
        open(robot, Pages.all());
        assertTrue(stage.getWidth() > 860 && stage.getHeight() > 600, stage.getWidth() + "x" + stage.getHeight());
    }

    @Test
    void eachPageOpensAtItsTop(FxRobot robot) {
        WizardWindow w = open(robot, Pages.all());
        javafx.scene.control.ScrollPane scroll = robot.lookup(".page-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        robot.interact(() -> scroll.setVvalue(1));
        robot.clickOn("#next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Account", w.currentTitle());
        assertEquals(0, scroll.getVvalue(), 1e-9, "the scroll position is not carried over");
    }
}
