package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
