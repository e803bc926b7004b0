package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.WizardWindow;
import dev.rolelab.gui.util.EventPump;
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
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Everything the lab created and its deletion state; one button removes it all, in dependency order. */
public final class CleanupPage implements Page {

    public static final String TITLE = "Clean up";

    private final WizardModel model;
    private final Map<ResourceKind, StepRow> rows = new EnumMap<>(ResourceKind.class);
    private final VBox list = new VBox(6);
    private final Button remove = new Button("Remove everything");
    private final CheckBox deleteKey = new CheckBox();
    private final Label status = new Label();
    private final Label keep = new Label();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final EventPump<Event> pump = new EventPump<>(this::apply);
    private final VBox view;
    private volatile TaskExecutor.Running run;

    public CleanupPage(WizardModel model, WizardWindow window) {
        this.model = model;
        remove.setId("remove-everything");
        remove.getStyleClass().add("danger");
        remove.setOnAction(e -> start());
        remove.disableProperty().bind(running);
        deleteKey.setId("delete-key");
        status.setId("cleanup-status");
        status.setWrapText(true);
        keep.setWrapText(true);
        keep.getStyleClass().add("note");
        view = Forms.page(Forms.heading("Clean up"),
                Forms.lead("Everything the lab created is listed in its ledger and removed in dependency order: the instance "
                        + "first (and waited for), then what it used. Nothing RoleLab did not create is touched."),
                list, deleteKey, remove, status, keep);
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
    public String nextLabel() {
        return "Finish";
    }

    @Override
    public void onEnter() {
        Ledger ledger = model.ledgerProperty().get();
        list.getChildren().clear();
        rows.clear();
        if (ledger == null) {
            status.setText("Nothing was created.");
            remove.setVisible(false);
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
        deleteKey.setVisible(key.isPresent());
        deleteKey.setManaged(key.isPresent());
        key.ifPresent(e -> deleteKey.setText("Also delete the private key RoleLab generated (" + e.name() + ")"));
        boolean anything = !ledger.live().isEmpty();
        remove.setVisible(anything);
        status.setText(anything ? ledger.live().size() + " item(s) to remove from lab " + ledger.labId() + "." : "Nothing is left of lab " + ledger.labId() + ".");
        keep.setText("Keep it for now? Close RoleLab: the lab stays listed in its ledger, the next start offers to clean it up, "
                + "and `rolelab down --lab " + ledger.labId() + "` removes it from a terminal. While the instance runs it costs about a cent per half hour.");
    }

    private void start() {
        Ledger ledger = model.ledgerProperty().get();
        running.set(true);
        status.setText("Removing…");
        pump.start();
        boolean key = deleteKey.isSelected();
        WizardModel.CloudChoice choice = model.cloudChoice();
        TaskExecutor executor = model.services().executor();
        run = executor.run(() -> new Teardown(model.cloud(choice), executor.workers())
                .run(ledger, new Teardown.Options(key), pump::offer), r -> finished(ledger, r, null), t -> finished(ledger, null, t));
    }

    private void finished(Ledger ledger, Teardown.Result r, Throwable t) {
        pump.stop();
        running.set(false);
        if (t != null || !r.clean()) {
            status.getStyleClass().add("field-error");
            status.setText("Not everything could be removed: " + (t != null ? t.getMessage() : String.join("; ", r.failures()))
                    + ". Press the button again once the cause is fixed; the ledger still lists what is left.");
            return;
        }
        status.getStyleClass().removeAll("field-error");
        status.setText("Everything is removed: nothing of lab " + ledger.labId() + " is left" + (model.practice() ? " in the simulated account." : " in your account."));
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
