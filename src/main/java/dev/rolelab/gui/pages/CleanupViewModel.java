package dev.rolelab.gui.pages;

import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.lab.TeardownOrder;
import dev.rolelab.run.Event;
import dev.rolelab.run.Teardown;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Clean up page without its nodes: what the lab's ledger still lists, one action that removes it all in dependency
 * order, and the one rule for the generated key ({@link Teardown.Options#KEY_RULE}), kept only if the user ticks the box.
 */
public final class CleanupViewModel {

    /** One resource of the lab and where its removal stands. */
    public static final class Row {
        private final ResourceKind kind;
        private final String title;
        private final ReadOnlyObjectWrapper<StepRow.State> state = new ReadOnlyObjectWrapper<>(StepRow.State.WAITING);
        private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");

        Row(ResourceKind kind, String title) {
            this.kind = kind;
            this.title = title;
        }

        public ResourceKind kind() {
            return kind;
        }

        public String title() {
            return title;
        }

        public ReadOnlyObjectProperty<StepRow.State> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty detailProperty() {
            return detail.getReadOnlyProperty();
        }

        void set(StepRow.State s, String text) {
            // the detail is set before the state: a view that redraws on the state sees both
            if (text != null && !text.isEmpty()) {
                detail.set(text);
            }
            state.set(s);
        }
    }

    private final WizardModel model;
    private final TaskExecutor executor;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call holds the listeners added to it only weakly, so a garbage
     * collection took them, and with them the page's link to this list. */
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper removedOnce = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasKey = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper keyChoice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper keepNote = new ReadOnlyStringWrapper("");
    private final BooleanProperty keepKey = new SimpleBooleanProperty();
    private volatile TaskExecutor.Running run;

    public CleanupViewModel(WizardModel model) {
        this.model = model;
        this.executor = model.services().executor();
        keepKey.addListener((o, a, b) -> showKeyRow());
    }

    public ObservableList<Row> rows() {
        return rowsView;
    }

    /** What the page says at its action: how many things are left, or how removal ended. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Something of the lab is still there: removing it is the page's main action, and going on asks. */
    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The removal ran (the key choice is over). */
    public ReadOnlyBooleanProperty removedOnceProperty() {
        return removedOnce.getReadOnlyProperty();
    }

    /** The lab has a generated private key file still on disk: the page offers to keep it. */
    public ReadOnlyBooleanProperty hasKeyProperty() {
        return hasKey.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty keyChoiceProperty() {
        return keyChoice.getReadOnlyProperty();
    }

    /** The rule, in the CLI's words. */
    public String keyRule() {
        return Teardown.Options.KEY_RULE + " Keep it only if you need it elsewhere (the CLI's --keep-key does the same).";
    }

    public BooleanProperty keepKeyProperty() {
        return keepKey;
    }

    /** How to leave the lab for later, and what that costs (nothing in practice). */
    public ReadOnlyStringProperty keepNoteProperty() {
        return keepNote.getReadOnlyProperty();
    }

    /** The "Keep the lab?" question for going on with the lab still there, or empty when nothing is left. */
    public Optional<String> leavingQuestion() {
        Ledger ledger = model.ledgerProperty().get();
        if (!live.get() || ledger == null) {
            return Optional.empty();
        }
        return Optional.of((model.practice() ? "Its simulated resources stay in the practice account until they are removed."
                : "Its instance runs and costs about a cent per half hour until it is removed.")
                + " The next start offers to clean it up, and `rolelab down --lab " + ledger.labId() + "` removes it from a terminal.");
    }

    public void enter() {
        Ledger ledger = model.ledgerProperty().get();
        rows.clear();
        failed.set(false);
        if (ledger == null) {
            status.set("Nothing was created.");
            hasKey.set(false);
            live.set(false);
            keepNote.set("");
            return;
        }
        List<Row> made = new ArrayList<>();
        for (ResourceKind k : TeardownOrder.ORDER) {
            ledger.get(k).ifPresent(e -> {
                Row r = new Row(k, Teardown.title(k));
                r.set(e.live() ? StepRow.State.WAITING : StepRow.State.DONE,
                        e.name() + (e.id() == null || e.id().equals(e.name()) ? "" : " (" + e.id() + ")"));
                made.add(r);
            });
        }
        rows.setAll(made);
        Optional<LedgerEntry> key = liveKey(ledger);
        hasKey.set(key.isPresent());
        keyChoice.set(key.map(e -> "Keep the private key file (" + e.name() + ")").orElse(""));
        showKeyRow();
        int left = ledger.live().size();
        live.set(left > 0);
        status.set(left > 0 ? left + (left == 1 ? " thing" : " things") + " to remove from " + ledger.labId() + "."
                : "Nothing is left of " + ledger.labId() + ".");
        keepNote.set(left == 0 ? "" : "Keep it for now? Close RoleLab: the lab stays listed in its ledger, the next start offers to clean it up, "
                + "and `rolelab down --lab " + ledger.labId() + "` removes it from a terminal."
                + (model.practice() ? "" : " While the instance runs it costs about a cent per half hour."));
    }

    private static Optional<LedgerEntry> liveKey(Ledger ledger) {
        return ledger.get(ResourceKind.LOCAL_KEY_FILE).filter(LedgerEntry::live);
    }

    private Optional<Row> row(ResourceKind kind) {
        return rows.stream().filter(r -> r.kind == kind).findFirst();
    }

    /** The key file's row says what will happen to it before the removal runs. */
    private void showKeyRow() {
        Ledger ledger = model.ledgerProperty().get();
        if (ledger == null || running.get() || removedOnce.get()) {
            return;
        }
        liveKey(ledger).ifPresent(e -> row(ResourceKind.LOCAL_KEY_FILE).ifPresent(r -> r.set(
                keepKey.get() ? StepRow.State.SKIPPED : StepRow.State.WAITING,
                keepKey.get() ? "kept, as you chose: " + e.name() : e.name() + " (deleted with the lab)")));
    }

    /** Removes everything the ledger still lists; again after a failure, what is left. */
    public void remove() {
        Ledger ledger = model.ledgerProperty().get();
        if (ledger == null || running.get()) {
            return;
        }
        running.set(true);
        failed.set(false);
        status.set("Removing…");
        Teardown.Options options = Teardown.Options.keepingKey(keepKey.get());
        WizardModel.CloudChoice choice = model.cloudChoice();
        run = executor.run(() -> new Teardown(model.cloud(choice), executor.workers())
                        .run(ledger, options, e -> executor.onFxThread(() -> apply(e))),
                r -> finished(ledger, r, null), t -> finished(ledger, null, t));
    }

    private void apply(Event e) {
        if (e.about() instanceof Event.Subject.Resource res) {
            row(res.kind()).ifPresent(r -> {
                switch (e.type()) {
                    case STARTED, PROGRESS -> r.set(StepRow.State.RUNNING, e.message().startsWith("$ ") ? "" : e.message());
                    case RETRYING -> r.set(StepRow.State.RETRYING, e.message());
                    case DONE -> r.set(StepRow.State.DONE, e.message());
                    case FAILED -> r.set(StepRow.State.FAILED, e.message());
                    case SKIPPED -> r.set(StepRow.State.SKIPPED, e.message());
                    default -> { }
                }
            });
        }
    }

    private void finished(Ledger ledger, Teardown.Result r, Throwable t) {
        running.set(false);
        removedOnce.set(true);
        int left = ledger.live().size();
        live.set(left > 0);
        if (t != null || !r.clean()) {
            failed.set(true);
            status.set("Not everything could be removed: " + (t != null ? Messages.of(t) : String.join("; ", r.failures()))
                    + ". Press the button again once the cause is fixed; the ledger still lists what is left.");
            return;
        }
        status.set("Everything is removed: nothing of " + ledger.labId() + " is left"
                + (model.practice() ? " in the simulated account." : " in your account."));
        keepNote.set("");
    }

    /** Window closing: a removal that runs is finished (stopping halfway would leave resources behind). */
    public void stop() {
        TaskExecutor.Running f = run;
        if (f != null) {
            f.await();
        }
    }
}
