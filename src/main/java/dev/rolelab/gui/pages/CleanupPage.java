package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.WizardWindow;
import dev.rolelab.gui.util.Dialogs;
import dev.rolelab.gui.util.EventPump;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.lab.TeardownOrder;
import dev.rolelab.run.Event;
import dev.rolelab.run.Teardown;
import java.util.EnumMap;
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
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Everything the lab created and its deletion state; one button removes it all, in dependency order. */
public final class CleanupPage implements Page {

    public static final String TITLE = "Clean up";

    private final WizardModel model;
    private final Map<ResourceKind, StepRow> rows = new EnumMap<>(ResourceKind.class);
    private final VBox list = new VBox(6);
    private final Button remove = new Button("Remove everything");
    /** The one rule, as the CLI's: the generated private key goes with the lab, unless kept on purpose. */
    private final CheckBox keepKey = new CheckBox();
    private final Label keyRule = new Label();
    /** Something of the lab is still there: "Remove everything" is the page's default action, and Next asks. */
    private final BooleanProperty live = new SimpleBooleanProperty();
    private final BooleanProperty removedOnce = new SimpleBooleanProperty();
    private final ObservableBooleanValue nextDefault = live.not();
    private final WizardWindow window;
    private final Label status = new Label();
    private final Label keep = new Label();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final EventPump<Event> pump = new EventPump<>(this::apply);
    private final VBox view;
    private volatile TaskExecutor.Running run;

    public CleanupPage(WizardModel model, WizardWindow window) {
        this.model = model;
        this.window = window;
        remove.setId("remove-everything");
        remove.getStyleClass().add("danger");
        remove.setOnAction(e -> start());
        remove.disableProperty().bind(running);
        remove.defaultButtonProperty().bind(live.and(running.not()));
        remove.managedProperty().bind(remove.visibleProperty());
        keepKey.setId("keep-key");
        keepKey.setMnemonicParsing(false);
        keepKey.disableProperty().bind(running.or(removedOnce));
        keepKey.selectedProperty().addListener((o, a, b) -> showKeyRow());
        keyRule.setWrapText(true);
        keyRule.getStyleClass().add("note");
        status.setId("cleanup-status");
        status.setWrapText(true);
        keep.setWrapText(true);
        keep.getStyleClass().add("note");
        view = Forms.page(Forms.heading("Clean up"),
                Forms.lead("Everything the lab created is listed in its ledger and removed in dependency order: the instance "
                        + "first (and waited for), then what it used. Nothing RoleLab did not create is touched."),
                new HBox(12, remove, status), keepKey, keyRule, list, keep);
        HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
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
    public ObservableBooleanValue busy() {
        return running;
    }

    @Override
    public boolean canGoBack() {
        return false;
    }

    @Override
    public ObservableBooleanValue nextIsDefault() {
        return nextDefault;
    }

    /** Going on while the lab still exists (and costs) is a choice, so it is asked. */
    @Override
    public boolean canExit() {
        if (!live.get()) {
            return true;
        }
        Ledger ledger = model.ledgerProperty().get();
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(window.stage());
        a.setTitle("Keep the lab?");
        a.setHeaderText("The lab still exists.");
        a.setContentText("Its instance runs and costs about a cent per half hour until it is removed. The next start offers to clean it "
                + "up, and `rolelab down --lab " + ledger.labId() + "` removes it from a terminal.");
        ButtonType keepIt = new ButtonType("Keep it and go on", ButtonBar.ButtonData.OK_DONE);
        ButtonType stay = new ButtonType("Stay and remove it", ButtonBar.ButtonData.CANCEL_CLOSE);
        a.getButtonTypes().setAll(stay, keepIt);
        Dialogs.fitToText(a);
        return a.showAndWait().orElse(stay) == keepIt;
    }

    @Override
    public void onEnter() {
        Ledger ledger = model.ledgerProperty().get();
        list.getChildren().clear();
        rows.clear();
        if (ledger == null) {
            status.setText("Nothing was created.");
            remove.setVisible(false);
            keepKey.setVisible(false);
            keepKey.setManaged(false);
            live.set(false);
            return;
        }
        for (ResourceKind k : TeardownOrder.ORDER) {
            ledger.get(k).ifPresent(e -> {
                StepRow r = new StepRow(k.name(), Teardown.title(k));
                r.set(e.live() ? StepRow.State.WAITING : StepRow.State.DONE, e.name() + (e.id() == null || e.id().equals(e.name()) ? "" : " (" + e.id() + ")"));
                rows.put(k, r);
                list.getChildren().add(r);
            });
        }
        var key = ledger.get(ResourceKind.LOCAL_KEY_FILE).filter(LedgerEntry::live);
        keepKey.setVisible(key.isPresent());
        keepKey.setManaged(key.isPresent());
        keyRule.setVisible(key.isPresent());
        keyRule.setManaged(key.isPresent());
        key.ifPresent(e -> {
            keepKey.setText("Keep the private key file (" + e.name() + ")");
            keyRule.setText("The private key RoleLab generated is deleted with the lab, as `rolelab up --down-after` does: "
                    + "it opens nothing once the instance is gone. Keep it only if you need it elsewhere.");
        });
        showKeyRow();
        int left = ledger.live().size();
        live.set(left > 0);
        remove.setVisible(left > 0);
        status.setText(left > 0 ? left + (left == 1 ? " thing" : " things") + " to remove from " + ledger.labId() + "."
                : "Nothing is left of " + ledger.labId() + ".");
        keep.setText("Keep it for now? Close RoleLab: the lab stays listed in its ledger, the next start offers to clean it up, "
                + "and `rolelab down --lab " + ledger.labId() + "` removes it from a terminal. While the instance runs it costs about a cent per half hour.");
    }

    /** The key file's row says what will happen to it before the removal runs. */
    private void showKeyRow() {
        StepRow r = rows.get(ResourceKind.LOCAL_KEY_FILE);
        Ledger ledger = model.ledgerProperty().get();
        if (r == null || ledger == null || ledger.get(ResourceKind.LOCAL_KEY_FILE).filter(LedgerEntry::live).isEmpty() || running.get()) {
            return;
        }
        String file = ledger.get(ResourceKind.LOCAL_KEY_FILE).get().name();
        if (keepKey.isSelected()) {
            r.set(StepRow.State.SKIPPED, "kept, as you chose: " + file);
        } else {
            r.set(StepRow.State.WAITING, file + " (deleted with the lab)");
        }
    }

    private void start() {
        Ledger ledger = model.ledgerProperty().get();
        running.set(true);
        status.setText("Removing…");
        pump.start();
        boolean keepIt = keepKey.isSelected();
        WizardModel.CloudChoice choice = model.cloudChoice();
        TaskExecutor executor = model.services().executor();
        run = executor.run(() -> new Teardown(model.cloud(choice), executor.workers())
                .run(ledger, Teardown.Options.keepingKey(keepIt), pump::offer), r -> finished(ledger, r, null), t -> finished(ledger, null, t));
    }

    private void finished(Ledger ledger, Teardown.Result r, Throwable t) {
        pump.stop();
        running.set(false);
        removedOnce.set(true);
        live.set(!ledger.live().isEmpty());
        if (t != null || !r.clean()) {
            status.getStyleClass().add("field-error");
            status.setText("Not everything could be removed: " + (t != null ? Messages.of(t) : String.join("; ", r.failures()))
                    + ". Press the button again once the cause is fixed; the ledger still lists what is left.");
            return;
        }
        status.getStyleClass().removeAll("field-error");
        status.setText("Everything is removed: nothing of " + ledger.labId() + " is left" + (model.practice() ? " in the simulated account." : " in your account."));
        remove.setVisible(false);
        keep.setText("");
    }

    private void apply(List<Event> batch) {
        for (Event e : batch) {
            if (e.about() instanceof Event.Subject.Resource res && rows.containsKey(res.kind())) {
                rows.get(res.kind()).show(e);
            }
        }
    }

    @Override
    public String whatClosingDoes() {
        return "RoleLab will finish removing the lab (stopping halfway would leave resources behind) and then close.";
    }

    @Override
    public void stop() {
        TaskExecutor.Running f = run;
        if (f != null) {
            f.await();
        }
    }
}
