package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Events;
import dev.rolelab.run.Provisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
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
        PracticeCloud cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        var executor = Executors.newFixedThreadPool(4);
        LedgerStore earlier = new LedgerStore(data);
        try {
            Ledger ledger = earlier.create(LabSpec.builder().sshCidr("203.0.113.10/32")
                    .key(KeyChoice.generate("rolelab-ec2-ecr-test")).build(), null, null, true);
            Provisioner.Result r = new Provisioner(cloud, data.resolve("keys"), executor).provision(ledger, new Cancel(), Events.NONE, true);
            assertEquals(Provisioner.Outcome.READY, r.outcome());
            labId = ledger.labId();
        } finally {
            executor.shutdownNow();
            earlier.close(); // the earlier run has ended: its hold on the lab goes with it
        }
    }

    @Start
    void start(Stage stage) {
        Services s = Wiring.practiceAt(data, PracticeCloud.Timing.INSTANT, Duration.ZERO, true);
        services = new Services(data, s.ledgers(), s.executor(), s.clouds(), s.hosts(), s.waits(), s.regionNames(), java.util.Map::of, () -> false);
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
