package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.util.Dialogs;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Labeled;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The close dialog, as the window builds it, shown on the app's theme: no sentence and no button cut; Enter stays. */
@ExtendWith(ApplicationExtension.class)
class DialogsTest {

    Stage owner;

    @Start
    void start(Stage stage) {
        WizardWindow.theme(false);
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    @Test
    void theCloseDialogWhileAStepRunsShowsItsWholeTextAndEnterStays(FxRobot robot) {
        Alert[] a = new Alert[1];
        robot.interact(() -> {
            a[0] = WizardWindow.leaveDialog(owner, true,
                    "RoleLab will stop the command on the instance and close. The lab stays: the next start offers to resume or clean it up.");
            a[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cut = new ArrayList<>();
        robot.interact(() -> {
            Parent root = a[0].getDialogPane();
            root.applyCss();
            root.layout();
            collect(root, cut);
        });
        Button stay = (Button) a[0].getDialogPane().lookupButton(a[0].getButtonTypes().stream()
                .filter(t -> t.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE).findFirst().orElseThrow());
        Button leave = (Button) a[0].getDialogPane().lookupButton(a[0].getButtonTypes().stream()
                .filter(t -> t.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow());
        robot.interact(() -> a[0].close());
        assertEquals(List.of(), cut);
        assertEquals("Stop and close", leave.getText());
        assertTrue(stay.isDefaultButton() && !leave.isDefaultButton(), "Enter keeps the window: leaving is a choice, not a reflex");
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled l && l.isVisible() && l.getText() != null && !l.getText().isEmpty()) {
            Node t = l.lookup(".text");
            if (t instanceof Text shown && t.getParent() == l && !shown.getText().equals(l.getText())) {
                out.add("'" + shown.getText() + "' for '" + l.getText() + "'");
            }
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }
}
