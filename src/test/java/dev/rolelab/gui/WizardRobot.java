package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Clicks through the wizard as a person would, waiting for what takes time. */
final class WizardRobot {
    private final FxRobot robot;
    private final WizardWindow window;

    WizardRobot(FxRobot robot, WizardWindow window) {
        this.robot = robot;
        this.window = window;
    }

    <T extends Node> T find(String query) {
        return robot.lookup(query).query();
    }

    boolean exists(String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }

    String text(String query) {
        Node n = find(query);
        return n instanceof Labeled l ? l.getText() : n instanceof TextInputControl t ? t.getText() : n.toString();
    }

    void waitUntil(String what, int seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited " + seconds + " s for: " + what + " (on page " + window.currentTitle() + ")");
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    boolean nextEnabled() {
        return !((Button) find("#next")).isDisabled();
    }

    /** Waits until the page lets the user go on, then presses Next. */
    void next(int seconds) {
        int at = window.index();
        waitUntil("Next to be enabled", seconds, this::nextEnabled);
        robot.clickOn("#next");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.index() == at + 1 || at == window.titles().size() - 1, "Next did not move on from " + at);
    }

    void click(String query) {
        javafx.scene.Node node = robot.lookup(query).query();
        robot.interact(() -> scrollIntoView(node));
        robot.clickOn(node);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** As a person scrolls down to a button below the fold. */
    static void scrollIntoView(javafx.scene.Node node) {
        javafx.scene.Node p = node.getParent();
        while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
            p = p.getParent();
        }
        if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            double contentHeight = sp.getContent().getBoundsInLocal().getHeight();
            double viewport = sp.getViewportBounds().getHeight();
            double y = sp.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
            if (contentHeight > viewport) {
                sp.setVvalue(Math.max(0, Math.min(1, (y - 20) / (contentHeight - viewport))));
            }
            sp.layout();
        }
    }

    void type(String query, String text) {
        robot.interact(() -> ((TextInputControl) find(query)).setText(text));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
