package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.WizardWindow;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.gui.util.Dialogs;
import dev.rolelab.gui.util.EventPump;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.lab.Step;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.CliEquivalents;
import dev.rolelab.run.Event;
import dev.rolelab.run.Provisioner;
import dev.rolelab.run.Teardown;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Creates the lab: a row per step with its state, elapsed time and AWS CLI equivalent; Cancel asks, then rolls back. */
public final class ProvisionPage implements Page {

    public static final String TITLE = "Provision";

    private final WizardModel model;
    private final WizardWindow window;
    private final Map<Step, StepRow> rows = new EnumMap<>(Step.class);
    private final Map<ResourceKind, StepRow> teardownRows = new EnumMap<>(ResourceKind.class);
    private final VBox list = new VBox(6);
    private final VBox rollback = new VBox(6);
    /** "Rolling back…" while the rollback runs; what it left once it ends. */
    private final Label rollingBack = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Button cancel = new Button("Cancel");
    private final Button again = new Button("Try again");
    private final CheckBox showCli = new CheckBox("Show the equivalent AWS CLI commands");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty done = new SimpleBooleanProperty();
    private final EventPump<Event> pump = new EventPump<>(this::apply, () -> rows.values().forEach(StepRow::tick));
    private final VBox view;
    private volatile Cancel cancelToken;
    private volatile TaskExecutor.Running run;
    private long started;
    /** How the run ended, set on the worker (the window's stop() reads it before the FX thread hears). */
    private volatile Provisioner.Result outcome;

    public ProvisionPage(WizardModel model, WizardWindow window) {
        this.model = model;
        this.window = window;
        for (Step s : Step.topological()) {
            StepRow r = new StepRow(s.name(), s.title());
            rows.put(s, r);
            list.getChildren().add(r);
        }
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setAccessibleText("Provisioning progress");
        status.setId("provision-status");
        status.setWrapText(true);
        cancel.setId("provision-cancel");
        cancel.setOnAction(e -> confirmCancel());
        cancel.disableProperty().bind(running.not());
        again.setId("provision-again");
        again.setVisible(false);
        again.setManaged(false);
        again.setOnAction(e -> start());
        showCli.setId("show-cli");
        showCli.selectedProperty().addListener((o, a, b) -> showCommands(b));
        view = Forms.page(Forms.heading("Creating the lab"),
                Forms.lead("Steps that do not depend on each other run side by side. Each one is written to the lab's ledger "
                        + "before it is made, so whatever happens, RoleLab can remove everything."),
                new HBox(12, progress, cancel, again), status, showCli, list, rollingBack, rollback);
        rollingBack.setId("rolling-back");
        rollingBack.setWrapText(true);
        rollingBack.getStyleClass().add("warning-box");
        rollingBack.setVisible(false);
        rollingBack.setManaged(false);
        HBox.setHgrow(progress, javafx.scene.layout.Priority.ALWAYS);
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
        return model.provisionedProperty().get() == null && !running.get();
    }

    @Override
    public void onEnter() {
        if (model.provisionedProperty().get() == null && !running.get()) {
            start();
        }
    }

    private void start() {
        LabSpec spec = model.spec();
        Ledger ledger = model.services().ledgers().create(spec, model.profileProperty().get(), null, model.practice());
        model.ledger(ledger);
        rows.forEach((s, r) -> {
            r.set(StepRow.State.WAITING, "");
            r.extra(CliEquivalents.of(s, spec, ledger.labId(), model.cloud().regions().partition(spec.region())), showCli.isSelected());
        });
        rollback.getChildren().clear();
        teardownRows.clear();
        rollingBack.setVisible(false);
        rollingBack.setManaged(false);
        outcome = null;
        again.setVisible(false);
        again.setManaged(false);
        status.getStyleClass().removeAll("field-error");
        status.setText("Lab " + ledger.labId() + " — its ledger is " + model.services().ledgers().folder().resolve(ledger.labId() + ".json"));
        progress.setProgress(0);
        running.set(true);
        started = System.nanoTime();
        Cancel c = new Cancel();
        cancelToken = c;
        pump.start();
        WizardModel.CloudChoice choice = model.cloudChoice();
        closingChoice = choice;
        TaskExecutor executor = model.services().executor();
        run = executor.run(() -> provision(new Provisioner(model.cloud(choice), model.services().keysFolder(), executor.workers()), ledger, c),
                r -> finish(r, null), t -> finish(null, t));
    }

    private Provisioner.Result provision(Provisioner p, Ledger ledger, Cancel c) {
        Provisioner.Result r = p.provision(ledger, c, pump::offer, true);
        outcome = r;
        return r;
    }

    private void apply(List<Event> batch) {
        for (Event e : batch) {
            if (e.about() instanceof Event.Subject.PlanStep p) {
                rows.get(p.step()).show(e);
            } else if (e.about() instanceof Event.Subject.Resource res) {
                // a rollback's row of its own: "deleted" never lands on the create row of the same name
                teardownRows.computeIfAbsent(res.kind(), k -> {
                    StepRow row = new StepRow("undo-" + k.name(), e.title());
                    rollback.getChildren().add(row);
                    return row;
                }).show(e);
            } else if (e.type() == Event.Type.INFO) {
                rollingBack.setText(e.title() + ": " + e.message() + "…");
                rollingBack.setVisible(true);
                rollingBack.setManaged(true);
            }
        }
        long finished = rows.values().stream().filter(r -> r.state() == StepRow.State.DONE).count();
        progress.setProgress((double) finished / rows.size());
    }

    private void finish(Provisioner.Result r, Throwable t) {
        pump.stop();
        if (t == null && r.outcome() == Provisioner.Outcome.READY) {
            model.provisioned(r.lab()); // before running turns false: Back is decided then
        }
        running.set(false);
        double secs = (System.nanoTime() - started) / 1e9;
        if (t != null || r.outcome() != Provisioner.Outcome.READY) {
            status.getStyleClass().add("field-error");
            Ledger ledger = model.ledgerProperty().get();
            int left = ledger == null ? 0 : ledger.live().size();
            String removed = left == 0 ? "What had been created was removed."
                    : left + " thing" + (left == 1 ? " is" : "s are") + " left (see below); Clean up on the next start removes "
                    + (left == 1 ? "it" : "them") + ", or: rolelab down --lab " + ledger.labId();
            String why = t != null ? Messages.of(t) : r.outcome() == Provisioner.Outcome.CANCELLED ? "Cancelled."
                    : (r.failedStep() == null ? "" : r.failedStep().title() + " failed: ") + r.failure();
            status.setText(why + "\n" + removed);
            if (rollingBack.isVisible()) {
                rollingBack.setText(left == 0 ? "Rolled back: nothing of this lab is left." : "Rolled back, but " + left + " thing"
                        + (left == 1 ? " is" : "s are") + " left: the rows below say why.");
            }
            again.setVisible(true);
            again.setManaged(true);
            return;
        }
        progress.setProgress(1);
        status.setText(String.format("Ready in %.0f s: instance %s at %s, with the role %s.", secs, r.lab().instanceId(),
                r.lab().publicIp(), model.spec().names().role()));
        done.set(true);
    }

    private void showCommands(boolean show) {
        rows.forEach((s, r) -> r.extra(model.ledgerProperty().get() == null ? "" : CliEquivalents.of(s, model.spec(), model.ledgerProperty().get().labId(),
                model.cloud().regions().partition(model.spec().region())), show));
    }

    private void confirmCancel() {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(window.stage());
        a.setTitle("Cancel provisioning?");
        a.setHeaderText("Stop creating the lab?");
        a.setContentText("Steps already running finish; nothing new starts; then everything created so far is removed.");
        ButtonType stop = new ButtonType("Stop and remove", ButtonBar.ButtonData.OK_DONE);
        ButtonType go = new ButtonType("Keep going", ButtonBar.ButtonData.CANCEL_CLOSE);
        a.getButtonTypes().setAll(go, stop);
        Dialogs.fitToText(a);
        if (a.showAndWait().orElse(go) == stop) {
            cancelNow();
        }
    }

    /** Cancel without asking (the confirmation is the caller's). */
    public void cancelNow() {
        Cancel c = cancelToken;
        if (c != null) {
            c.request();
            status.setText("Cancelling: no new steps start; running ones finish; then everything is removed…");
        }
    }

    @Override
    public String whatClosingDoes() {
        return "RoleLab will stop creating the lab, remove everything it created (the whole lab, if it is finished by then), "
                + "and then close. This can take a minute.";
    }

    /**
     * Closing while the run was going (or when the user said so while it was): cancel, wait, and if the lab
     * was finished by then, remove it all the same, as the dialog promised. Runs on a worker.
     */
    @Override
    public void stop() {
        Cancel c = cancelToken;
        TaskExecutor.Running f = run;
        if (c == null || f == null) {
            return;
        }
        c.request();
        f.await();
        Provisioner.Result r = outcome;
        Ledger ledger = model.ledgerProperty().get();
        if (r != null && r.outcome() == Provisioner.Outcome.READY && ledger != null) {
            TaskExecutor executor = model.services().executor();
            executor.onFxThread(() -> {
                rollingBack.setText("Closing: removing the lab that had just become ready…");
                rollingBack.setVisible(true);
                rollingBack.setManaged(true);
                pump.start();
            });
            new Teardown(model.cloud(closingChoice), executor.workers()).run(ledger, new Teardown.Options(true), pump::offer);
        }
    }

    /** The account of the run, read on the FX thread when it started (stop() runs on a worker). */
    private volatile WizardModel.CloudChoice closingChoice;
}
