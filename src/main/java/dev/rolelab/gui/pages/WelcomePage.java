package dev.rolelab.gui.pages;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.Identity;
import dev.rolelab.cloud.Instance;
import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.WizardWindow;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.Provisioner;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** What you will build, as a picture; your account or practice; labs left open from earlier runs. */
public final class WelcomePage implements Page {

    public static final String TITLE = "Welcome";

    private final WizardModel model;
    private final WizardWindow window;
    private final VBox openLabs = new VBox(8);
    private final VBox view;
    private boolean userChose;

    public WelcomePage(WizardModel model, WizardWindow window) {
        this.model = model;
        this.window = window;
        ToggleGroup choice = new ToggleGroup();
        ToggleButton aws = choiceCard("mdi2c-cloud-outline", "Use my AWS account",
                "Creates real resources (about one cent for a half-hour lab) and removes them at the end.");
        ToggleButton practice = choiceCard("mdi2s-school-outline", "Practice — no account needed",
                "A simulation on this computer: the same steps and screens; nothing is created in AWS.");
        aws.setId("choose-aws");
        practice.setId("choose-practice");
        aws.setToggleGroup(choice);
        practice.setToggleGroup(choice);
        practice.setSelected(true);
        model.practiceProperty().set(true);
        choice.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always chosen
            } else {
                model.practiceProperty().set(now == practice);
                userChose = true;
            }
        });
        HBox choices = new HBox(16, aws, practice);
        choices.setFillHeight(false);
        Label noCredentials = Forms.note("No AWS credentials were found on this computer, so Practice is chosen: it needs none.");
        noCredentials.setVisible(false);
        noCredentials.setManaged(false);
        // the AWS config files are read off the FX thread; until they are, Practice (which needs none) is chosen
        model.services().executor().run(() -> model.services().credentialsConfigured().getAsBoolean(), has -> {
            if (!userChose && has) {
                aws.setSelected(true);
                userChose = false; // chosen for the user, who has not chosen yet
            }
            noCredentials.setVisible(!has);
            noCredentials.setManaged(!has);
        }, t -> { });
        view = Forms.page(
                Forms.heading("Give an EC2 instance a role, and let it push to ECR without any access keys"),
                Forms.lead("Instead of copying long-term keys onto a server, you let EC2 assume an IAM role for the instance. "
                        + "Programs on the instance then get temporary credentials, automatically. RoleLab builds the whole "
                        + "setup with you, pushes a Docker image with it, shows the role at work, and removes everything."),
                diagram(), choices, noCredentials, openLabs);
    }

    private static ToggleButton choiceCard(String icon, String title, String text) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        Label d = new Label(text);
        d.setWrapText(true);
        VBox box = new VBox(6, new HBox(8, Forms.icon(icon), t), d);
        ToggleButton b = new ToggleButton();
        b.setGraphic(box);
        b.getStyleClass().add("choice-card");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setPrefWidth(420);
        b.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.setWrapText(true);
        box.setMaxWidth(380);
        b.setAccessibleText(title + ". " + text);
        HBox.setHgrow(b, Priority.ALWAYS);
        return b;
    }

    /** You → the instance with its role → ECR, each IAM concept labelled where it lives. */
    private static Node diagram() {
        VBox you = box("mdi2l-laptop", "You", "this computer", List.of("SSH from your IP only", "(security group)"));
        VBox instance = box("mdi2s-server", "EC2 instance", "Amazon Linux 2023", List.of(
                "role: containerise", "trusted entity: EC2 (trust policy)", "may push to one repository (permissions policy)",
                "handed to the instance by its instance profile"));
        instance.getStyleClass().add("diagram-role");
        VBox ecr = box("mdi2p-package-variant-closed", "ECR repository", "ec2-ecr-test", List.of("receives hello-test:v1"));
        HBox row = new HBox(12, you, arrow("SSH"), instance, arrow("docker push with the role's temporary credentials"), ecr);
        row.setAlignment(Pos.CENTER);
        row.getStyleClass().add("diagram");
        row.setAccessibleText("Diagram: you connect over SSH to an EC2 instance whose role lets it push an image to an ECR repository.");
        return row;
    }

    private static VBox box(String icon, String title, String subtitle, List<String> lines) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        t.setWrapText(true); // a narrow window wraps "ECR repository" instead of cutting it
        Label s = new Label(subtitle);
        s.getStyleClass().add("note");
        VBox v = new VBox(4, new HBox(6, Forms.icon(icon), t), s);
        for (String l : lines) {
            Label x = new Label(l);
            x.setWrapText(true);
            x.getStyleClass().add("diagram-line");
            v.getChildren().add(x);
        }
        v.getStyleClass().add("diagram-box");
        v.setMinWidth(150);
        HBox.setHgrow(v, Priority.ALWAYS);
        return v;
    }

    private static Node arrow(String caption) {
        Label a = new Label("→");
        a.getStyleClass().add("diagram-arrow");
        Label c = new Label(caption);
        c.setWrapText(true);
        c.getStyleClass().add("note");
        c.setMaxWidth(130);
        // a one-word caption ("SSH") never breaks inside the word
        if (!caption.contains(" ")) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        VBox v = new VBox(2, a, c);
        v.setAlignment(Pos.CENTER);
        return v;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void onEnter() {
        // reading the ledgers is file I/O and JSON: off the FX thread, and after the first frame
        model.services().executor().run(() -> model.services().ledgers().open(), this::showOpenLabs,
                t -> openLabs.getChildren().setAll(Forms.iconText("mdi2a-alert-circle-outline",
                        "Could not read the labs of earlier runs: " + Messages.of(t), "error-box")));
    }

    private void showOpenLabs(List<Ledger> open) {
        openLabs.getChildren().clear();
        if (open.isEmpty()) {
            return;
        }
        openLabs.getChildren().add(Forms.iconText("mdi2a-alert-outline",
                open.size() + " lab" + (open.size() == 1 ? " from an earlier run still has" : "s from earlier runs still have")
                        + " resources. Clean up, or pick up where you left off:", "warning-box"));
        for (Ledger l : open) {
            long live = l.live().size();
            Label what = new Label(l.labId() + " · " + l.context().region() + (l.context().practice() ? " · practice" : "")
                    + " · " + live + " resource" + (live == 1 ? "" : "s") + " · " + l.status().name().toLowerCase());
            HBox.setHgrow(what, Priority.ALWAYS);
            what.setMaxWidth(Double.MAX_VALUE);
            Button clean = new Button("Clean up");
            clean.setId("cleanup-" + l.labId());
            clean.setOnAction(e -> {
                model.resume(l);
                window.goTo(CleanupPage.class);
            });
            HBox row = new HBox(10, what, clean);
            if (l.status() == Ledger.Status.READY && l.get(ResourceKind.INSTANCE).isPresent()) {
                Button resume = new Button("Resume");
                resume.setOnAction(e -> resume(l, resume));
                row.getChildren().add(resume);
            }
            row.setAlignment(Pos.CENTER_LEFT);
            openLabs.getChildren().add(row);
        }
    }

    /** A lab that was ready: take over what it was made with, look up its instance, then continue at Build and push. */
    private void resume(Ledger l, Button button) {
        model.resume(l);
        button.setDisable(true);
        String instanceId = l.get(ResourceKind.INSTANCE).orElseThrow().id();
        WizardModel.CloudChoice choice = model.cloudChoice();
        model.services().executor().run(() -> {
            Cloud cloud = model.cloud(choice);
            return new Resumed(cloud.instance(instanceId), cloud.identity());
        }, r -> {
            model.identity(r.identity());
            String role = l.get(ResourceKind.ROLE).map(LedgerEntry::id).orElse(null);
            Path key = l.get(ResourceKind.LOCAL_KEY_FILE).map(e -> Path.of(e.name())).orElse(l.spec().key().privateKeyFile());
            model.provisioned(new Provisioner.Provisioned(l.account().orElse(model.account()), instanceId, r.instance().publicIp(),
                    key, null, role));
            window.goTo(BuildPage.class);
        }, t -> {
            button.setDisable(false);
            openLabs.getChildren().add(Forms.iconText("mdi2a-alert-circle-outline", "Cannot resume: " + Messages.of(t), "error-box"));
        });
    }

    private record Resumed(Instance instance, Identity identity) { }
}
