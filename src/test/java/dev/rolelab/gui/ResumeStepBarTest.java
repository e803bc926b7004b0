package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.BuildPage;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Finding 14 on Resume: a lab made by an earlier run is resumed, and the step bar marks only what this session did. */
@ExtendWith(ApplicationExtension.class)
class ResumeStepBarTest {

    @TempDir
    static Path data;

    static String labId;

    WizardWindow window;
    Services services;

    @BeforeAll
    static void anEarlierRunLeftALab() throws Exception {
        labId = EarlierRun.leftALab(data);
    }

    @Start
    void start(Stage stage) {
        services = EarlierRun.services(data);
        window = new WizardWindow(stage, services);
        stage.show();
    }

    @AfterEach
    void stop() {
        services.executor().shutdown();
    }

    private List<String> ticked(FxRobot robot) {
        robot.interact(() -> window.scene().getRoot().applyCss());
        return robot.lookup(".step").queryAllAs(Label.class).stream()
                .filter(l -> l.getStyleClass().contains("step-done") || !((javafx.scene.layout.Pane) l.getGraphic()).getChildren().isEmpty())
                .map(Label::getText).toList();
    }

    @Test
    void resumingMarksDoneOnlyTheStepsThisSessionFinished(FxRobot robot) {
        WizardRobot w = new WizardRobot(robot, window);
        w.waitUntil("the open lab to be listed", 10, () -> w.exists("#resume-" + labId));
        w.click("#resume-" + labId);
        w.waitUntil("the Build page", 10, () -> BuildPage.TITLE.equals(window.currentTitle()));
        assertEquals(List.of(), ticked(robot), "the earlier run's steps are not this session's: nothing is ticked yet");
        for (String t : window.titles()) {
            assertFalse(window.finished(t), t);
        }
        w.waitUntil("build and push to finish", 30, w::nextEnabled);
        w.click("#next");
        List<String> done = ticked(robot);
        assertEquals(1, done.size(), "only Build and push was done in this session: " + done);
        assertTrue(done.get(0).endsWith(BuildPage.TITLE), done.toString());
        Label build = robot.lookup(".step-done").queryAs(Label.class);
        javafx.scene.layout.Pane mark = (javafx.scene.layout.Pane) build.getGraphic();
        assertEquals(1, mark.getChildren().size(), "a done step shows its check mark");
        assertEquals(13, mark.getWidth(), 0.01, "in the same place a step not done keeps for it");
    }
}
