package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.WizardWindow;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.gui.util.EventPump;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.Step;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.CliEquivalents;
import dev.rolelab.run.Event;
import dev.rolelab.run.Provisioner;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Map<String, StepRow> teardownRows = new java.util.HashMap<>();
    private final VBox list = new VBox(6);
    private final VBox rollback = new VBox(6);
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
                new HBox(12, progress, cancel, again), status, showCli, list, rollback);
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
            r.extra(CliEquivalents.of(s, spec, ledger.labId()), showCli.isSelected());
        });
        rollback.getChildren().clear();
        teardownRows.clear();
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
        TaskExecutor executor = model.services().executor();
        run = executor.run(() -> new Provisioner(model.cloud(choice), model.services().keysFolder(), executor.workers())
                .provision(ledger, c, pump::offer, true), r -> finish(r, null), t -> finish(null, t));
    }

    private void apply(List<Event> batch) {
        for (Event e : batch) {
            Optional<Step> step = stepOf(e.subject());
            if (step.isPresent()) {
                StepRow r = rows.get(step.get());
                r.show(e);
            } else if (!e.subject().isEmpty()) {
                StepRow r = teardownRows.computeIfAbsent(e.subject(), k -> {
                    StepRow row = new StepRow("undo-" + k, e.title());
                    rollback.getChildren().add(row);
                    return row;
                });
                r.show(e);
            } else if (e.type() == Event.Type.INFO) {
                rollback.getChildren().add(0, Forms.iconText("mdi2u-undo-variant", e.title() + ": " + e.message(), "warning-box"));
            }
        }
        long finished = rows.values().stream().filter(r -> r.state() == StepRow.State.DONE).count();
        progress.setProgress((double) finished / rows.size());
    }

    private static Optional<Step> stepOf(String subject) {
        for (Step s : Step.values()) {
            if (s.name().equals(subject)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
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
            String why = t != null ? String.valueOf(t.getMessage()) : r.outcome() == Provisioner.Outcome.CANCELLED
                    ? "Cancelled. What had been created was removed." : (r.failedStep() == null ? "" : r.failedStep().title() + " failed: ") + r.failure()
                    + "\nWhat had been created was removed.";
            status.setText(why);
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
        rows.forEach((s, r) -> r.extra(model.ledgerProperty().get() == null ? "" : CliEquivalents.of(s, model.spec(), model.ledgerProperty().get().labId()), show));
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
    public void stop() {
        Cancel c = cancelToken;
        TaskExecutor.Running f = run;
        if (c != null && f != null) {
            c.request();
            f.await();
        }
    }
}
