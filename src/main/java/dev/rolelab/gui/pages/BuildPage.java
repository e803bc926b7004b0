package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.TerminalView;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.WizardWindow;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.gui.util.EventPump;
import dev.rolelab.gui.util.Dialogs;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.host.RemoteStep;
import dev.rolelab.host.RemoteSteps;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.BuildAndPush;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Event;
import dev.rolelab.run.Provisioner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The remote steps as a checklist beside the live terminal; a failed step shows its exit status and offers Retry. */
public final class BuildPage implements Page {

    public static final String TITLE = "Build & push";

    private final WizardModel model;
    private final WizardWindow window;
    private final Map<String, StepRow> rows = new LinkedHashMap<>();
    private final VBox checklist = new VBox(6);
    private final TerminalView terminal = new TerminalView();
    private final Label status = new Label();
    private final Button retry = new Button("Retry");
    private final Button cancel = new Button("Cancel");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty done = new SimpleBooleanProperty();
    private final EventPump<Event> pump = new EventPump<>(this::apply, () -> rows.values().forEach(StepRow::tick));
    private final VBox view;
    private volatile BuildAndPush remote;
    private volatile Cancel cancelToken;
    private volatile TaskExecutor.Running run;
    private int nextStep;

    public BuildPage(WizardModel model, WizardWindow window) {
        this.model = model;
        this.window = window;
        status.setId("build-status");
        status.setWrapText(true);
        retry.setId("build-retry");
        retry.setVisible(false);
        retry.setManaged(false);
        retry.setOnAction(e -> start());
        cancel.setId("build-cancel");
        cancel.disableProperty().bind(running.not());
        cancel.setOnAction(e -> {
            BuildAndPush r = remote;
            Cancel c = cancelToken;
            if (r != null && c != null) {
                r.cancel(c);
            }
        });
        terminal.setId("terminal");
        terminal.setPrefHeight(460);
        terminal.setMinWidth(380);
        ScrollPane steps = new ScrollPane(checklist);
        steps.setFitToWidth(true);
        steps.setPrefWidth(380);
        steps.setPrefHeight(460);
        HBox.setHgrow(terminal, Priority.ALWAYS);
        view = Forms.page(Forms.heading("Build and push, using the role"),
                Forms.lead("RoleLab logs in over SSH and runs the tutorial's commands, exactly as shown. Docker logs in to ECR "
                        + "with the role's temporary credentials: no access key is ever copied to the instance."),
                new HBox(10, status, retry, cancel), new HBox(14, steps, terminal));
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
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
    public ObservableBooleanValue valid() {
        return done;
    }

    @Override
    public ObservableBooleanValue busy() {
        return running;
    }

    @Override
    public boolean canGoBack() {
        return false;
    }

    @Override
    public void onEnter() {
        if (rows.isEmpty()) {
            List<RemoteStep> steps = RemoteSteps.forLab(model.spec(), model.account(), model.cloud().regions().partition(model.spec().region()));
            rows.put("host-keys", new StepRow("host-keys", "Read the instance's host keys from its console"));
            rows.put("ssh", new StepRow("ssh", "Connect over SSH"));
            for (RemoteStep s : steps) {
                StepRow r = new StepRow(s.id(), s.title());
                r.extra(s.explanation() + "\n$ " + s.command(), true);
                rows.put(s.id(), r);
            }
            rows.put("proof", new StepRow("proof", "Prove the role from this computer"));
            checklist.getChildren().setAll(new ArrayList<>(rows.values()));
        }
        if (!done.get() && !running.get() && run == null) {
            start();
        }
    }

    private void start() {
        Provisioner.Provisioned p = model.provisionedProperty().get();
        retry.setVisible(false);
        retry.setManaged(false);
        status.getStyleClass().removeAll("field-error");
        status.setText("Working on " + p.instanceId() + " at " + p.publicIp() + "…");
        running.set(true);
        String roleArn = roleArn(p);
        if (roleArn == null) {
            running.set(false);
            status.getStyleClass().add("field-error");
            status.setText("The lab's ledger records no role ARN, so the role cannot be proved. Clean up this lab and create it again.");
            return;
        }
        Cancel c = new Cancel();
        cancelToken = c;
        BuildAndPush r = remote;
        if (r == null) { // one per lab: a retry keeps what earlier steps read on the instance
            var cloud = model.cloud();
            r = new BuildAndPush(cloud, model.services().hosts().apply(cloud), model.services().waits().apply(cloud));
            remote = r;
        }
        pump.start();
        BuildAndPush.Target target = new BuildAndPush.Target(p.instanceId(), p.publicIp(), p.privateKey(), model.account(), roleArn);
        int from = nextStep;
        var spec = model.spec();
        BuildAndPush workflow = r;
        run = model.services().executor().run(() -> workflow.run(spec, target, from, this::askHostKey, c, pump::offer),
                res -> finish(res, null), t -> finish(null, t));
    }

    /** The role's ARN as AWS returned it when the lab was made (from the run, or the ledger of a resumed lab). */
    private String roleArn(Provisioner.Provisioned p) {
        if (p.roleArn() != null) {
            return p.roleArn();
        }
        Ledger ledger = model.ledgerProperty().get();
        return ledger == null ? null : ledger.get(ResourceKind.ROLE).map(LedgerEntry::id).filter(id -> id.startsWith("arn:")).orElse(null);
    }

    /** Called on a worker thread when the instance printed no host keys: asks on the FX thread and waits. */
    private boolean askHostKey(String fingerprint) {
        return model.services().executor().ask(() -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION);
            a.initOwner(window.stage());
            a.setTitle("Confirm the host key");
            a.setHeaderText("The instance did not print its host keys on its console.");
            a.setContentText("It presents this key:\n\n" + fingerprint + "\n\nCompare it with the EC2 console (Actions → Monitor and "
                    + "troubleshoot → Get system log). Trust it only if it matches.");
            ButtonType trust = new ButtonType("Trust this key", ButtonBar.ButtonData.OK_DONE);
            ButtonType no = new ButtonType("Do not connect", ButtonBar.ButtonData.CANCEL_CLOSE);
            a.getButtonTypes().setAll(no, trust);
            Dialogs.fitToText(a);
            return a.showAndWait().orElse(no) == trust;
        });
    }

    private void apply(List<Event> batch) {
        List<TerminalView.Line> lines = new ArrayList<>(batch.size());
        for (Event e : batch) {
            if (e.type() == Event.Type.OUTPUT) {
                lines.add("stderr".equals(e.title()) ? TerminalView.Line.err(e.message()) : TerminalView.Line.out(e.message()));
                continue;
            }
            StepRow r = e.about() instanceof Event.Subject.Remote remoteStep ? rows.get(remoteStep.id()) : null;
            if (e.type() == Event.Type.STARTED && e.message().startsWith("$ ")) {
                lines.add(TerminalView.Line.command(e.message()));
            } else if (e.type() == Event.Type.INFO || e.type() == Event.Type.FAILED) {
                lines.add(TerminalView.Line.info("# " + e.title() + ": " + e.message()));
            }
            if (r == null) {
                continue;
            }
            r.show(e);
        }
        terminal.append(lines);
    }

    private void finish(BuildAndPush.Result r, Throwable t) {
        pump.stop();
        running.set(false);
        if (t != null) {
            status.getStyleClass().add("field-error");
            status.setText(Messages.of(t));
            retry.setVisible(true);
            retry.setManaged(true);
            return;
        }
        nextStep = r.nextStep();
        switch (r.outcome()) {
            case DONE -> {
                model.proof(r.proof());
                status.setText("Done: the image was pushed with the role's temporary credentials.");
                done.set(true);
            }
            case CANCELLED -> {
                status.setText("Cancelled. The lab is still there: retry, or go on to clean up.");
                retry.setVisible(true);
                retry.setManaged(true);
            }
            default -> {
                status.getStyleClass().add("field-error");
                status.setText(r.failure() + (r.failed() == null ? "" : ". Its last lines are in the terminal."));
                retry.setVisible(true);
                retry.setManaged(true);
            }
        }
    }

    @Override
    public String whatClosingDoes() {
        return "RoleLab will stop the command on the instance and close. The lab stays: the next start offers to resume or clean it up.";
    }

    @Override
    public void stop() {
        BuildAndPush r = remote;
        Cancel c = cancelToken;
        TaskExecutor.Running f = run;
        if (r != null && c != null) {
            r.cancel(c);
        }
        if (f != null) {
            f.await();
        }
    }

    /** For the benchmark and tests: the terminal. */
    public TerminalView terminal() {
        return terminal;
    }
}
