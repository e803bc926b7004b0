package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.host.Host;
import dev.rolelab.host.HostException;
import dev.rolelab.host.Hosts;
import dev.rolelab.lab.Json;
import dev.rolelab.practice.PracticeAccount;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.practice.PracticeHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The wizard in practice mode, clicked through by TestFX on real controls (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class PracticeWizardTest {

    @TempDir
    static Path home;

    WizardWindow window;
    Services services;
    Hosts sharedHosts;
    volatile PracticeCloud.Timing timing = PracticeCloud.Timing.INSTANT;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory(home, "data");
        Services practice = Wiring.practiceAt(data, PracticeCloud.Timing.INSTANT, Duration.ZERO, true);
        // one practice host per test, so a fault asked for once stays asked for once across a retry
        services = new Services(data, practice.ledgers(), practice.executor(),
                (isPractice, region, profile) -> new PracticeCloud(data.resolve("practice/account.json"), region, timing),
                cloud -> {
                    if (sharedHosts == null) {
                        sharedHosts = new PracticeHosts((PracticeCloud) cloud, Duration.ZERO);
                    }
                    return sharedHosts;
                }, practice.waits(), practice.regionNames(), java.util.Map::of, () -> false);
        window = new WizardWindow(stage, services);
        stage.show();
    }

    @AfterEach
    void stop() {
        services.executor().shutdown();
    }

    private PracticeAccount account() throws Exception {
        Path f = services.data().resolve("practice/account.json");
        return Files.exists(f) ? Json.MAPPER.readValue(f.toFile(), PracticeAccount.class) : new PracticeAccount();
    }

    private void toReview(WizardRobot w) {
        assertEquals("Welcome", window.currentTitle());
        assertTrue(((javafx.scene.control.ToggleButton) w.find("#choose-practice")).isSelected(), "no credentials: practice is chosen");
        w.next(5);
        w.waitUntil("the simulated identity", 10, () -> w.text("#identity").contains("123456789012"));
        assertTrue(w.exists(".practice-banner"));
        w.next(10);
        w.waitUntil("the detected IP", 10, () -> w.text("#cidr").equals("203.0.113.10/32"));
        w.waitUntil("the default VPC", 10, () -> w.text("#vpc-status").contains("subnet-"));
        w.next(10);
        w.next(10);
        w.next(10);
        assertEquals("Review", window.currentTitle());
    }

    @Test
    void aQuickDoubleEnterOnNamesOpensReviewAndNeitherEditsThePolicyNorCreatesTheLab(FxRobot robot) throws Exception {
        WizardRobot w = new WizardRobot(robot, window);
        w.next(5);
        w.waitUntil("the simulated identity", 10, () -> w.text("#identity").contains("123456789012"));
        w.next(10);
        w.waitUntil("the default VPC", 10, () -> w.text("#vpc-status").contains("subnet-"));
        w.next(10);
        w.next(10);
        assertEquals("Names", window.currentTitle());
        w.waitUntil("names checked", 10, w::nextEnabled);
        robot.type(javafx.scene.input.KeyCode.ENTER, javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Review", window.currentTitle(), "the second Enter does not skip the review");
        org.fxmisc.richtext.CodeArea editor = (org.fxmisc.richtext.CodeArea) w.find("#policy-editor");
        assertFalse(editor.isFocused(), "the page opens with focus on itself, not in the editor");
        assertFalse(editor.getText().startsWith("\n"), "Enter did not land in the policy");
        assertFalse(((javafx.scene.control.Button) w.find("#next")).isDefaultButton(), "creating the lab takes a deliberate press");
        assertTrue(account().empty(), "nothing was created");
    }

    /** Even a step that started and ended between two frames (most IAM calls) shows its time, from its events. */
    private static void everyDoneRowSaysHowLongItTook(FxRobot robot) {
        var rows = robot.lookup(".row-state-done").queryAll();
        assertFalse(rows.isEmpty());
        for (javafx.scene.Node row : rows) {
            javafx.scene.control.Label took = (javafx.scene.control.Label) row.lookup(".elapsed");
            assertTrue(took.getText().matches("\\d+[.,]\\d s"), row.getAccessibleText() + " shows no time: '" + took.getText() + "'");
        }
    }

    @Test
    void aCompletePracticeRunFromWelcomeToCleanUpLeavesNothing(FxRobot robot) throws Exception {
        WizardRobot w = new WizardRobot(robot, window);
        toReview(w);
        assertTrue(((org.fxmisc.richtext.CodeArea) w.find("#policy-editor")).getText().contains("ecr:PutImage"));
        assertTrue(w.text("#next").equals("Create the lab"));
        w.next(10);
        w.waitUntil("provisioning to finish", 30, w::nextEnabled);
        assertTrue(w.text("#provision-status").startsWith("Ready"), w.text("#provision-status"));
        everyDoneRowSaysHowLongItTook(robot);
        w.next(5);
        w.waitUntil("build and push to finish", 30, w::nextEnabled);
        everyDoneRowSaysHowLongItTook(robot);
        assertTrue(((TerminalView) w.find("#terminal")).text().contains("hello"));
        assertTrue(((TerminalView) w.find("#terminal")).text().contains("# practice mode: simulated output"));
        w.next(5);
        assertTrue(w.text("#verdict").startsWith("Least privilege holds"), w.text("#verdict"));
        assertFalse(account().empty(), "the lab exists before clean-up");
        w.next(5);
        assertEquals("Clean up", window.currentTitle());
        assertTrue(w.text("#cleanup-status").contains("things to remove from lab-"), w.text("#cleanup-status"));
        w.click("#remove-everything");
        w.waitUntil("clean-up to finish", 30, () -> w.text("#cleanup-status").startsWith("Everything is removed"));
        assertTrue(account().empty(), "the practice cloud is empty");
        w.next(5);
        assertEquals("What you learned", window.currentTitle());
        java.util.List<String> learned = robot.lookup(".concept .label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
        for (String concept : new String[] {"Trusted entity", "Trust policy", "Permissions policy", "Instance profile",
                "Temporary credentials and their expiry"}) {
            assertTrue(learned.contains(concept), concept + " in " + learned);
        }
        assertTrue(learned.stream().anyMatch(t -> t.startsWith("This run: On the instance, key ASIA")), learned.toString());
        assertEquals("Finish", w.text("#next"));
        for (String step : window.titles()) {
            if (!step.equals("What you learned")) {
                assertTrue(window.finished(step), step + " was done");
            }
        }
    }

    @Test
    void noLabelOrButtonOnTheReviewPageReadsAnUnderscoreAsAMnemonic(FxRobot robot) {
        WizardRobot w = new WizardRobot(robot, window);
        toReview(w);
        java.util.List<String> parsing = robot.from(window.page().view()).lookup((java.util.function.Predicate<javafx.scene.Node>) n -> n instanceof javafx.scene.control.Labeled)
                .queryAllAs(javafx.scene.control.Labeled.class).stream()
                .filter(javafx.scene.control.Labeled::isMnemonicParsing).map(l -> l.getId() + " \"" + l.getText() + "\"").toList();
        assertEquals(java.util.List.of(), parsing, "a name or message with an underscore would lose it");
        java.util.List<String> shown = robot.from(window.page().view()).lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
        assertTrue(shown.stream().anyMatch(t -> t.startsWith("Allows 6 actions")), "the statements in plain words: " + shown);
        assertTrue(shown.stream().anyMatch(t -> t.startsWith("•  Instance: t3.micro")), "what will be created: " + shown);
        assertTrue(shown.stream().noneMatch(t -> t.startsWith("Cost while it exists")), "practice costs nothing: " + shown);
    }

    @Test
    void aTooltipIsMadeWhenThePointerFirstReachesItsControl(FxRobot robot) {
        javafx.scene.control.ToggleButton theme = robot.lookup("#theme").queryAs(javafx.scene.control.ToggleButton.class);
        assertEquals(null, theme.getTooltip(), "not made before it is needed");
        assertEquals("Switch between the light and the dark theme", theme.getAccessibleHelp());
        robot.moveTo(theme);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Switch between the light and the dark theme", theme.getTooltip().getText());
    }

    @Test
    void aBadCidrAClashingNameAndAPolicyWithoutPutImageKeepNextDisabledWithTheMessageAtTheField(FxRobot robot) throws Exception {
        PracticeAccount a = new PracticeAccount();
        PracticeAccount.Repository taken = new PracticeAccount.Repository();
        taken.name = "ec2-ecr-test";
        taken.arn = "arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test";
        a.repositories.put(taken.name, taken);
        Files.createDirectories(services.data().resolve("practice"));
        Files.writeString(services.data().resolve("practice/account.json"), Json.pretty(a));

        WizardRobot w = new WizardRobot(robot, window);
        w.next(5);
        w.next(10);
        w.waitUntil("the detected IP", 10, () -> w.text("#cidr").equals("203.0.113.10/32"));
        w.type("#cidr", "203.0.113.300/32");
        assertFalse(w.nextEnabled());
        assertTrue(robot.lookup(".field-error").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText().contains("is not an IPv4 or IPv6 address")));
        w.type("#cidr", "203.0.113.10/32");
        w.next(10);
        w.next(10);
        w.waitUntil("the clash to be found", 10, () -> robot.lookup(".field-error").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText().contains("'ec2-ecr-test' already exists in this account.")));
        assertFalse(w.nextEnabled());
        w.click("Use ec2-ecr-test-2 (free)");
        w.waitUntil("the free name to be accepted", 10, w::nextEnabled);
        w.next(10);
        org.fxmisc.richtext.CodeArea editor = w.find("#policy-editor");
        robot.interact(() -> editor.replaceText(editor.getText().replace("        \"ecr:PutImage\",\n", "")));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(w.nextEnabled());
        assertTrue(robot.lookup("#policy-findings .label").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText().contains("no longer allows ecr:PutImage")));
        w.click("#policy-reset");
        assertTrue(w.nextEnabled());
    }

    @Test
    void cancelDuringProvisioningRollsBackToNothing(FxRobot robot) throws Exception {
        // a slow simulated account, so that there is time to press Cancel
        timing = new PracticeCloud.Timing(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, Duration.ofMillis(20));
        WizardRobot w = new WizardRobot(robot, window);
        toReview(w);
        w.next(10);
        w.waitUntil("the cancel button", 10, () -> !((Button) w.find("#provision-cancel")).isDisabled());
        w.click("#provision-cancel");
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        robot.clickOn((Button) dialog.lookupButton(dialog.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE).findFirst().orElse(ButtonType.OK)));
        w.waitUntil("the run to end", 30, () -> !window.page().busy().get());
        assertTrue(account().empty(), "nothing left after the rollback");
        assertFalse(w.nextEnabled());
        assertTrue(w.exists("#provision-again"));
    }

    @Test
    void aFailedRemoteStepShowsItsStatusAndRetrySucceeds(FxRobot robot) throws Exception {
        WizardRobot w = new WizardRobot(robot, window);
        toReview(w);
        w.next(10);
        w.waitUntil("provisioning to finish", 30, w::nextEnabled);
        sharedHosts = new PracticeHosts((PracticeCloud) window.model().cloud(), Duration.ZERO).failOnce("docker push", 1);
        w.next(5);
        w.waitUntil("the push to fail", 30, () -> ((Button) w.find("#build-retry")).isVisible());
        assertTrue(w.text("#build-status").contains("Push the image failed with exit status 1"), w.text("#build-status"));
        assertFalse(w.nextEnabled());
        w.click("#build-retry");
        w.waitUntil("the retry to succeed", 30, w::nextEnabled);
        assertTrue(w.text("#build-status").startsWith("Done"));
        w.next(5);
        assertTrue(w.text("#verdict").startsWith("Least privilege holds"));
    }

    @Test
    void aFailedStepShowsItsReasonAndTheRollbackListsEveryResourceItRemoves(FxRobot robot) throws Exception {
        WizardRobot w = new WizardRobot(robot, window);
        toReview(w);
        // someone takes the key pair's name after it was checked
        robot.interact(() -> {
            PracticeCloud cloud = (PracticeCloud) window.model().cloud();
            cloud.createKeyPair(window.model().keyNameProperty().get(), null);
        });
        w.next(10);
        w.waitUntil("the run to end", 30, () -> !window.page().busy().get());
        String keyRow = robot.lookup("#row-KEY_PAIR").query().getAccessibleText();
        assertTrue(keyRow.contains("failed"), keyRow);
        assertTrue(keyRow.contains("already"), "the reason is shown: " + keyRow);
        // the steps run side by side, so which ones were done when the key pair failed varies: each that was is undone
        int undone = 0;
        for (String undo : new String[] {"REPOSITORY", "POLICY", "ROLE", "INSTANCE_PROFILE", "SECURITY_GROUP"}) {
            String created = robot.lookup("#row-" + undo).query().getAccessibleText();
            if (!created.contains("done")) {
                continue;
            }
            undone++;
            assertTrue(w.exists("#row-undo-" + undo), "the rollback lists " + undo + " (" + created + ")");
            String row = robot.lookup("#row-undo-" + undo).query().getAccessibleText();
            assertTrue(row.contains("done"), row);
        }
        assertTrue(undone > 0, "something was made before the key pair failed, and rolled back");
        assertTrue(((PracticeCloud) window.model().cloud()).account().repositories.isEmpty(), "the rollback left the account clean");
        String repositoryRow = robot.lookup("#row-REPOSITORY").query().getAccessibleText();
        assertFalse(repositoryRow.contains("deleted"), "the create row keeps saying it was created: " + repositoryRow);
        assertTrue(w.text("#rolling-back").startsWith("Rolled back"), w.text("#rolling-back"));
        assertTrue(w.text("#provision-status").contains("Create the key pair failed") || w.text("#provision-status").contains("key pair"),
                w.text("#provision-status"));
    }

    private void toBuild(WizardRobot w) {
        toReview(w);
        w.next(10);
        w.waitUntil("provisioning to finish", 30, w::nextEnabled);
    }

    @Test
    void aRefusedConsoleIsReportedOnItsRowInTheEnginesWordsNotAsAClassName(FxRobot robot) {
        WizardRobot w = new WizardRobot(robot, window);
        toBuild(w);
        robot.interact(() -> ((PracticeCloud) window.model().cloud()).failCall(1, "UnauthorizedOperation",
                "You are not authorized to perform this operation."));
        w.next(5);
        w.waitUntil("the build to stop", 30, () -> ((Button) w.find("#build-retry")).isVisible());
        String row = robot.lookup("#row-host-keys").query().getAccessibleText();
        assertTrue(row.contains("failed"), row);
        assertFalse(w.text("#build-status").contains("Exception"), w.text("#build-status"));
        assertTrue(w.text("#build-status").contains("UnauthorizedOperation"), w.text("#build-status"));
    }

    @Test
    void anSshFailureBeforeTheFirstStepIsReportedOnConnectNotOnInstallDocker(FxRobot robot) {
        WizardRobot w = new WizardRobot(robot, window);
        toBuild(w);
        PracticeHosts practice = new PracticeHosts((PracticeCloud) window.model().cloud(), Duration.ZERO);
        sharedHosts = new Hosts() {
            @Override
            public void awaitSsh(String address, int port, Duration deadline, java.util.function.Consumer<String> progress,
                                 java.util.function.BooleanSupplier cancelled) {
                throw new HostException(HostException.Kind.UNREACHABLE, "SSH to " + address + " did not answer", null);
            }

            @Override
            public Host open(Target target) {
                return practice.open(target);
            }
        };
        w.next(5);
        w.waitUntil("the build to stop", 30, () -> ((Button) w.find("#build-retry")).isVisible());
        String ssh = robot.lookup("#row-ssh").query().getAccessibleText();
        assertTrue(ssh.contains("failed") && ssh.contains("did not answer"), ssh);
        String docker = robot.lookup("#row-install-docker").query().getAccessibleText();
        assertTrue(docker.contains("waiting"), docker);
    }

    @Test
    void aRetryAfterTheCredentialsStepStillShowsTheirKeyAndExpiry(FxRobot robot) {
        WizardRobot w = new WizardRobot(robot, window);
        toBuild(w);
        sharedHosts = new PracticeHosts((PracticeCloud) window.model().cloud(), Duration.ZERO).failOnce("aws sts get-caller-identity", 1);
        w.next(5);
        w.waitUntil("the last step to fail", 30, () -> ((Button) w.find("#build-retry")).isVisible());
        w.click("#build-retry");
        w.waitUntil("the retry to succeed", 30, w::nextEnabled);
        w.next(5);
        java.util.List<String> shown = robot.lookup("#credentials .label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
        assertTrue(shown.stream().anyMatch(t -> t.startsWith("ASIA")), shown.toString());
        assertTrue(shown.stream().noneMatch(t -> t.startsWith("null")), shown.toString());
    }

    @Test
    void closingMeansWhatTheDialogSaidEvenIfTheRunFinishedWhileItWasOpen(FxRobot robot) throws Exception {
        timing = new PracticeCloud.Timing(Duration.ofMillis(150), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, Duration.ofMillis(20));
        WizardRobot w = new WizardRobot(robot, window);
        toReview(w);
        w.next(10);
        w.waitUntil("the run to start", 10, () -> window.page().busy().get());
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isPresent(), "closing while it runs asks");
        w.waitUntil("the lab to become ready behind the dialog", 60, () -> window.model().provisionedProperty().get() != null);
        assertFalse(account().empty(), "the lab exists now");
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        robot.clickOn((Button) dialog.lookupButton(dialog.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow()));
        w.waitUntil("the window to close", 60, () -> !window.stage().isShowing());
        assertTrue(account().empty(), "\"remove what it created\" held: nothing is left");
    }

    @Test
    void stopAndRemoveMeansWhatItSaysEvenIfTheRunFinishedWhileItsDialogWasOpen(FxRobot robot) throws Exception {
        timing = new PracticeCloud.Timing(Duration.ofMillis(150), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, Duration.ofMillis(20));
        WizardRobot w = new WizardRobot(robot, window);
        toReview(w);
        w.next(10);
        w.waitUntil("the cancel button", 10, () -> !((Button) w.find("#provision-cancel")).isDisabled());
        w.click("#provision-cancel");
        w.waitUntil("the lab to become ready behind the dialog", 60, () -> window.model().provisionedProperty().get() != null);
        assertFalse(account().empty(), "the lab exists now");
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        robot.clickOn((Button) dialog.lookupButton(dialog.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow()));
        w.waitUntil("the lab to be removed", 60, () -> w.text("#rolling-back").startsWith("Rolled back"));
        assertTrue(account().empty(), "\"then everything created so far is removed\" held: nothing is left");
        assertTrue(w.exists("#row-undo-REPOSITORY"), "the removal is listed");
        assertFalse(w.nextEnabled(), "no lab: Next stays off");
        assertTrue(w.exists("#provision-again"));
        assertTrue(w.text("#provision-status").startsWith("Cancelled."), w.text("#provision-status"));
    }
}
