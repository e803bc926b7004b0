package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.LedgerStore;
import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A lab left by an earlier run (here: made through the engine) is offered on the welcome page and cleaned up from there. */
@ExtendWith(ApplicationExtension.class)
class OpenLabsTest {

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

    @Test
    void theWelcomePageOffersCleanUpAndItLeavesNothing(FxRobot robot) throws Exception {
        WizardRobot w = new WizardRobot(robot, window);
        w.waitUntil("the open lab to be listed", 10, () -> w.exists("#cleanup-" + labId));
        assertTrue(robot.lookup("Resume").tryQuery().isPresent(), "a ready lab can be resumed");
        w.click("#cleanup-" + labId);
        assertEquals("Clean up", window.currentTitle());
        assertEquals("10 things to remove from " + labId + ".", w.text("#cleanup-status"));
        // the page's main action is the default: Enter removes the lab instead of leaving it
        assertTrue(((javafx.scene.control.Button) w.find("#remove-everything")).isDefaultButton());
        assertFalse(((javafx.scene.control.Button) w.find("#next")).isDefaultButton());
        String keyRow = robot.lookup("#row-LOCAL_KEY_FILE").query().getAccessibleText();
        assertTrue(keyRow.contains("deleted with the lab"), "the key file's fate is stated before: " + keyRow);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        w.waitUntil("clean-up to finish", 30, () -> w.text("#cleanup-status").startsWith("Everything is removed"));
        assertTrue(window.stage().isShowing(), "Enter did not quit");
        assertTrue(((javafx.scene.control.CheckBox) w.find("#keep-key")).isDisabled(), "the choice is over once done");
        assertTrue(((javafx.scene.control.Button) w.find("#next")).isDefaultButton(), "with nothing left, Next is the default again");
        PracticeCloud after = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        assertTrue(after.empty(), "the earlier lab is gone");
        assertFalse(Files.exists(data.resolve("keys").resolve(labId + "_ed25519")), "the key file went with the lab, the one rule");
        assertTrue(new LedgerStore(data).open().isEmpty());
    }
}
