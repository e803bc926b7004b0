package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The terminal view on a real stage (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class TerminalViewTest {

    TerminalView view;

    @Start
    void start(Stage stage) {
        view = new TerminalView();
        Scene scene = new Scene(view, 800, 400);
        scene.getStylesheets().add(WizardWindow.class.getResource("rolelab.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void primedBeforeAnyOutputItsCellsAreMadeAndNothingIsLeftShowing(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, view.lineCount(), "the sample lines drawn off screen are gone");
        assertEquals("", view.text());
        // a screen of cells (400 px of 19 px rows) was made while the view was full; none shows a line now
        var cells = robot.lookup(".list-cell").queryAllAs(ListCell.class);
        assertTrue(cells.size() >= 18, "cells ready before the first output: " + cells.size());
        assertTrue(cells.stream().allMatch(c -> c.isEmpty() && c.getGraphic() == null), "every cell is empty");
    }

    @Test
    void outputAfterPrimingIsShownAsItCame(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> view.append(List.of(TerminalView.Line.command("$ docker push"),
                TerminalView.Line.out("\u001B[32mv1\u001B[0m: digest: sha256:abc"), TerminalView.Line.out("10%\r50%\r100%"))));
        assertEquals("$ docker push\nv1: digest: sha256:abc\n100%\n", view.text());
    }

    @Test
    void ansiColoursBecomeStyleClassesAndCarriageReturnsKeepTheLatestState() {
        List<String> styles = new ArrayList<>();
        TerminalView.render(TerminalView.Line.out("\u001B[31mred\u001B[0m plain \u001B[1;94mbright blue")).forEach(s -> styles.add(s.style() + ":" + s.text()));
        assertEquals(List.of("ansi-red:red", "term-out: plain ", "ansi-blue:bright blue"), styles);
        assertEquals("done", TerminalView.render(TerminalView.Line.out("working\rdone")).get(0).text());
        assertEquals("step 2", TerminalView.render(TerminalView.Line.out("step 1\rstep 2\r")).get(0).text(), "a trailing \\r keeps the line before it");
    }

    private static List<TerminalView.Line> lines(int from, int n) {
        List<TerminalView.Line> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(TerminalView.Line.out("line " + i));
        }
        return out;
    }

    /** The mouse wheel, as the list hears it (positive: towards the top). */
    private static javafx.scene.input.ScrollEvent wheel(double deltaY) {
        return new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL, 100, 100, 100, 100, false, false, false, false,
                false, false, 0, deltaY, 0, deltaY, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }

    @Test
    void itFollowsTheEndOnlyUntilTheUserScrollsUp(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> view.append(lines(0, 500)));
        assertTrue(view.following());
        javafx.scene.control.skin.VirtualFlow<?> flow = robot.lookup(".terminal-area .virtual-flow").query();
        robot.interact(() -> flow.fireEvent(wheel(400)));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.following(), "scrolled up: stays where the user is");
        int before = flow.getLastVisibleCell().getIndex();
        robot.interact(() -> view.append(lines(500, 100)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, flow.getLastVisibleCell().getIndex(), "new output did not pull the view down");
        robot.interact(() -> robot.lookup(".terminal-area").queryAs(javafx.scene.control.ListView.class).scrollTo(599));
        robot.interact(() -> flow.fireEvent(wheel(-400)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.following(), "back at the end: follows again");
    }
}
