package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every page of a whole practice run, at the window's minimum size: no text is cut ("SS/H", "ECR repos…") and no label
 * loses an underscore to mnemonic parsing. A label's shown text is its Text node's; it differs from the label's text
 * exactly when JavaFX cut it (an ellipsis) or took an underscore as a mnemonic.
 */
@ExtendWith(ApplicationExtension.class)
class MinimumSizeTest {

    @TempDir
    static Path home;

    WizardWindow window;
    Services services;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path data = Files.createTempDirectory(home, "data");
        Services s = Wiring.practiceAt(data, PracticeCloud.Timing.INSTANT, Duration.ZERO, true);
        services = new Services(data, s.ledgers(), s.executor(), s.clouds(), s.hosts(), s.waits(), s.regionNames(), java.util.Map::of, () -> false);
        window = new WizardWindow(stage, services);
        stage.show();
    }

    @AfterEach
    void stop() {
        services.executor().shutdown();
    }

    /** The labels showing on this page whose shown text is not their text. */
    private List<String> cut(FxRobot robot) {
        List<String> out = new ArrayList<>();
        robot.interact(() -> {
            window.scene().getRoot().applyCss();
            window.scene().getRoot().layout();
            collect(window.scene().getRoot(), out);
        });
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            Node t = l.lookup(".text");
            if (t instanceof Text shown && t.getParent() == l && !shown.getText().equals(l.getText())) {
                out.add((l.getId() == null ? l.getClass().getSimpleName() : "#" + l.getId()) + " shows '" + shown.getText()
                        + "' for '" + l.getText() + "'");
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    private void check(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(WizardWindow.MIN_WIDTH, stage.getWidth(), 1, "the window is at its minimum width");
        List<String> cut = cut(robot);
        assertTrue(cut.isEmpty(), window.currentTitle() + ": " + cut);
        // the step bar keeps its height from page to page at any width (a bold current step or a new check mark
        // re-wrapped it at 1180 px, and the page under it jumped)
        Node bar = robot.lookup(".step-bar").query();
        for (double width : BAR_WIDTHS) {
            double[] h = new double[1];
            robot.interact(() -> {
                stage.setWidth(width);
                window.scene().getRoot().applyCss();
                window.scene().getRoot().layout();
                h[0] = bar.getLayoutBounds().getHeight();
            });
            double first = stepBarHeights.computeIfAbsent(width, x -> h[0]);
            assertEquals(first, h[0], 0.5, window.currentTitle() + " at " + width + " px: the step bar's height, and the page under it, jumped");
        }
        robot.interact(() -> stage.setWidth(WizardWindow.MIN_WIDTH));
        WaitForAsyncUtils.waitForFxEvents();
    }

    static final double[] BAR_WIDTHS = {1000, 1100, 1180, 1260, 1340};
    final java.util.Map<Double, Double> stepBarHeights = new java.util.HashMap<>();

    @Test
    void noPageCutsATextAtTheMinimumSize(FxRobot robot) {
        WizardRobot w = new WizardRobot(robot, window);
        // the user shrinks it (after the first second, in which the window manager's own shrinking is undone)
        robot.sleep(1100);
        robot.interact(() -> {
            stage.setWidth(WizardWindow.MIN_WIDTH);
            stage.setHeight(WizardWindow.MIN_HEIGHT);
        });
        check(robot);
        w.next(5);
        w.waitUntil("the simulated identity", 10, () -> w.text("#identity").contains("123456789012"));
        check(robot);
        w.next(10);
        w.waitUntil("the default VPC", 10, () -> w.text("#vpc-status").contains("subnet-"));
        check(robot);
        w.next(10);
        check(robot);
        w.next(10);
        assertEquals("Names", window.currentTitle());
        // names with underscores, shown on the pages that follow: none may lose its underscore to mnemonic parsing
        w.type("#name-role", "containerise_lab");
        w.type("#name-security-group", "rolelab_ssh");
        check(robot);
        w.next(10);
        assertEquals("Review", window.currentTitle());
        check(robot);
        w.next(10);
        w.waitUntil("provisioning to finish", 30, w::nextEnabled);
        check(robot);
        w.next(5);
        w.waitUntil("build and push to finish", 30, w::nextEnabled);
        check(robot);
        w.next(5);
        check(robot);
        w.next(5);
        assertEquals("Clean up", window.currentTitle());
        check(robot);
        w.click("#remove-everything");
        w.waitUntil("clean-up to finish", 30, () -> w.text("#cleanup-status").startsWith("Everything is removed"));
        check(robot);
        w.next(5);
        assertEquals("What you learned", window.currentTitle());
        check(robot);
    }

    private double y(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        double[] y = new double[1];
        robot.interact(() -> {
            window.scene().getRoot().applyCss();
            window.scene().getRoot().layout();
            y[0] = n.localToScene(n.getBoundsInLocal()).getMinY();
        });
        return y[0];
    }

    /** Messages come and go under the fields as the user types and the account answers: the fields stay where they are. */
    @Test
    void theNamesPageDoesNotJumpAsMessagesComeAndGo(FxRobot robot) throws Exception {
        dev.rolelab.practice.PracticeAccount a = new dev.rolelab.practice.PracticeAccount();
        dev.rolelab.practice.PracticeAccount.Repository taken = new dev.rolelab.practice.PracticeAccount.Repository();
        taken.name = "ec2-ecr-test";
        taken.arn = "arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test";
        a.repositories.put(taken.name, taken);
        Files.createDirectories(services.data().resolve("practice"));
        Files.writeString(services.data().resolve("practice/account.json"), dev.rolelab.lab.Json.pretty(a));
        WizardRobot w = new WizardRobot(robot, window);
        robot.sleep(1100);
        robot.interact(() -> {
            stage.setWidth(WizardWindow.MIN_WIDTH);
            stage.setHeight(WizardWindow.MIN_HEIGHT);
        });
        w.next(5);
        w.next(10);
        w.waitUntil("the default VPC", 10, () -> w.text("#vpc-status").contains("subnet-"));
        w.next(10);
        w.next(10);
        assertEquals("Names", window.currentTitle());
        w.waitUntil("the clash to be found", 10, () -> robot.lookup(".field-error").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText().contains("already exists in this account")));
        double withClash = y(robot, "#name-tag");
        double grid = y(robot, "#name-repository");
        w.type("#name-repository", "ec2-ecr-test-2");
        w.waitUntil("the clash to be gone", 10, w::nextEnabled);
        assertEquals(withClash, y(robot, "#name-tag"), 0.5, "the last field stays put when the clash message goes");
        assertEquals(grid, y(robot, "#name-repository"), 0.5, "the first field stays put when the offer to take all free names goes");
        w.type("#name-policy", "not a valid name!");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".field-error").tryQuery().isPresent(), "the rule's message shows");
        assertEquals(withClash, y(robot, "#name-tag"), 0.5, "the last field stays put when a rule's message comes");
    }
}
