package dev.rolelab.gui.pages;

import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.Partition;
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
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Provision page without its nodes: a row per plan step (state, detail, AWS CLI equivalent), a row per
 * resource a rollback removes (its own list: "deleted" never lands on the create row of the same name), the
 * "Rolling back" banner, the status, Cancel, Try again, and what closing the window while it runs does.
 */
public final class ProvisionViewModel {

    /** A row's state; the view shows each with its icon and word. */
    public enum State { WAITING, RUNNING, RETRYING, DONE, FAILED, SKIPPED }

    /**
     * How events get from the worker to the FX thread: the view's frame pump (batched, within a frame's budget),
     * or, for tests on the current-thread executor, at once ({@link #direct}).
     */
    public interface Feed {
        void start();

        /** From any thread. */
        void offer(Event e);

        /** Stops, handing over everything still waiting. */
        void stop();

        /** Each event handed over on the thread that offers it. */
        static Feed direct(Consumer<List<Event>> sink) {
            return new Feed() {
                @Override
                public void start() {
                }

                @Override
                public void offer(Event e) {
                    sink.accept(List.of(e));
                }

                @Override
                public void stop() {
                }
            };
        }
    }

    /** One step, or one resource being removed. */
    public static final class Row {
        private final String id;
        private final String title;
        private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.WAITING);
        private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper cli = new ReadOnlyStringWrapper("");
        private final ReadOnlyObjectWrapper<java.time.Duration> took = new ReadOnlyObjectWrapper<>();
        private final StepClock clock = new StepClock();

        Row(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** The row's node id is "row-" + this. */
        public String id() {
            return id;
        }

        public String title() {
            return title;
        }

        public ReadOnlyObjectProperty<State> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public State state() {
            return state.get();
        }

        /** What the last event said about it (an id, a reason); an event without words keeps the last one. */
        public ReadOnlyStringProperty detailProperty() {
            return detail.getReadOnlyProperty();
        }

        public String detail() {
            return detail.get();
        }

        /** The AWS CLI command that does the same, for this lab. */
        public ReadOnlyStringProperty cliProperty() {
            return cli.getReadOnlyProperty();
        }

        /** How long the step took, once it is done or failed (null before, and for a step that was skipped). */
        public ReadOnlyObjectProperty<java.time.Duration> tookProperty() {
            return took.getReadOnlyProperty();
        }

        void reset(String command) {
            clock.reset();
            took.set(null);
            detail.set("");
            state.set(State.WAITING);
            cli.set(command);
        }

        void show(Event e) {
            State s = switch (e.type()) {
                case STARTED, PROGRESS -> State.RUNNING;
                case RETRYING -> State.RETRYING;
                case DONE -> State.DONE;
                case FAILED -> State.FAILED;
                case SKIPPED -> State.SKIPPED;
                default -> null;
            };
            if (s == null) {
                return;
            }
            java.time.Duration d = clock.on(e);
            if (d != null) {
                took.set(d);
            }
            // a command line belongs to a terminal, not to a row's detail
            if (!e.message().isEmpty() && !(e.type() == Event.Type.STARTED && e.message().startsWith("$ "))) {
                detail.set(e.message());
            }
            state.set(s);
        }
    }

    private final WizardModel model;
    private final TaskExecutor executor;
    private final Feed feed;
    private final Map<Step, Row> rows = new EnumMap<>(Step.class);
    private final Map<ResourceKind, Row> undoRows = new EnumMap<>(ResourceKind.class);
    private final ObservableList<Row> rollback = FXCollections.observableArrayList();
    /** One wrapper, kept: a wrapper made per call listens weakly and may be collected with the view's listener on it. */
    private final ObservableList<Row> rollbackView = FXCollections.unmodifiableObservableList(rollback);
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRetry = new ReadOnlyBooleanWrapper();
    private final BooleanProperty showCli = new SimpleBooleanProperty();
    private volatile Cancel cancelToken;
    private volatile TaskExecutor.Running run;
    /** The run's ledger and account, read on the FX thread when it started (stop() runs on a worker). */
    private volatile Ledger ledger;
    private volatile WizardModel.CloudChoice choice;
    private long started;

    /** @param feed makes the carrier of events to the FX thread for the given sink ({@link Feed#direct} in tests) */
    public ProvisionViewModel(WizardModel model, Function<Consumer<List<Event>>, Feed> feed) {
        this.model = model;
        this.executor = model.services().executor();
        this.feed = feed.apply(this::apply);
        for (Step s : Step.topological()) {
            rows.put(s, new Row(s.name(), s.title()));
        }
    }

    /** The steps, in the plan's order. */
    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    public Row row(Step step) {
        return rows.get(step);
    }

    /** What the rollback removes, a row per resource as it comes up. */
    public ObservableList<Row> rollback() {
        return rollbackView;
    }

    /** "Rolling back…" while a rollback runs, what it left once it ends; empty when there is none. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    /** The share of steps done, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The run ended without a lab: the status is an error. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The lab is ready: Next may go on. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** The run ended without a lab: Try again is offered. */
    public ReadOnlyBooleanProperty canRetryProperty() {
        return canRetry.getReadOnlyProperty();
    }

    public BooleanProperty showCliProperty() {
        return showCli;
    }

    public boolean canGoBack() {
        return model.provisionedProperty().get() == null && !running.get();
    }

    /** On entering the page: creates the lab, unless it exists or is on its way. */
    public void enter() {
        if (model.provisionedProperty().get() == null && !running.get()) {
            start();
        }
    }

    /** Creates the lab under a new ledger (the first run, or Try again). */
    public void start() {
        LabSpec spec = model.spec();
        Ledger l;
        try {
            // as `up` does: a labs/ or keys/ that is a link (or a data folder that takes no file) is refused before anything exists
            model.services().ledgers().checkWritable();
            l = model.services().ledgers().create(spec, model.profileProperty().get(), null, model.practice());
        } catch (LedgerStore.Refused refused) {
            banner.set("");
            running.set(false);
            failed.set(true);
            status.set(refused.getMessage());
            canRetry.set(true);
            return;
        }
        model.ledger(l);
        ledger = l;
        Partition partition = model.cloud().regions().partition(spec.region());
        rows.forEach((s, r) -> r.reset(CliEquivalents.of(s, spec, l.labId(), partition)));
        rollback.clear();
        undoRows.clear();
        banner.set("");
        canRetry.set(false);
        failed.set(false);
        status.set("Lab " + l.labId() + " — its ledger is " + model.services().ledgers().folder().resolve(l.labId() + ".json"));
        progress.set(0);
        running.set(true);
        started = System.nanoTime();
        Cancel c = new Cancel();
        cancelToken = c;
        WizardModel.CloudChoice ch = model.cloudChoice();
        choice = ch;
        feed.start();
        // a failed run's rollback follows the one key rule (Teardown.Options.STANDARD): the generated key goes with the lab
        run = executor.run(() -> new Provisioner(model.cloud(ch), model.services().keysFolder(), executor.workers())
                .provision(l, c, feed::offer, true), r -> finish(r, null), t -> finish(null, t));
    }

    /**
     * "Stop and remove", answered in the dialog the view opened while the run went (without asking again): no new
     * step starts, then everything made is removed. If the run became ready while the dialog was open, the lab is
     * removed all the same, as the dialog promised, with its removal shown in the rollback list.
     */
    public void cancel() {
        Cancel c = cancelToken;
        Ledger l = ledger;
        if (c == null || l == null) {
            return;
        }
        c.request();
        if (running.get()) {
            status.set("Cancelling: no new steps start; running ones finish; then everything is removed…");
            return;
        }
        if (model.provisionedProperty().get() == null || l.live().isEmpty()) {
            return; // the run had already failed or been cancelled, and rolled back
        }
        done.set(false);
        running.set(true);
        banner.set("Rolling back: cancelled after the lab had become ready; removing it…");
        status.set("Cancelling: removing lab " + l.labId() + "…");
        feed.start();
        WizardModel.CloudChoice ch = choice;
        run = executor.run(() -> removeLab(l, ch), r -> ended(l, null), t -> ended(l, t));
    }

    /** The rollback of a lab that was finished: the one key rule, as every removal (the generated key goes with the lab). */
    private Teardown.Result removeLab(Ledger l, WizardModel.CloudChoice ch) {
        return new Teardown(model.cloud(ch), executor.workers()).run(l, Teardown.Options.STANDARD, feed::offer);
    }

    /** After a cancelled-after-ready rollback: what is left, and Try again. */
    private void ended(Ledger l, Throwable t) {
        feed.stop();
        if (l.live().isEmpty()) {
            model.provisioned(null);
        }
        running.set(false);
        failed.set(true);
        status.set((t == null ? "Cancelled." : "Cancelled, but removing the lab failed: " + Messages.of(t)) + "\n" + left(l));
        banner.set(rolledBack(l));
        canRetry.set(true);
    }

    void apply(List<Event> batch) {
        for (Event e : batch) {
            if (e.about() instanceof Event.Subject.PlanStep p) {
                rows.get(p.step()).show(e);
            } else if (e.about() instanceof Event.Subject.Resource res) {
                // a rollback's row of its own: "deleted" never lands on the create row of the same name
                undoRows.computeIfAbsent(res.kind(), k -> {
                    Row row = new Row("undo-" + k.name(), e.title());
                    rollback.add(row);
                    return row;
                }).show(e);
            } else if (e.type() == Event.Type.INFO) {
                banner.set(e.title() + ": " + e.message() + "…");
            }
        }
        long finished = rows.values().stream().filter(r -> r.state() == State.DONE).count();
        progress.set((double) finished / rows.size());
    }

    private void finish(Provisioner.Result r, Throwable t) {
        feed.stop();
        if (t == null && r.outcome() == Provisioner.Outcome.READY) {
            model.provisioned(r.lab()); // before running turns false: Back is decided then
        }
        running.set(false);
        if (t != null || r.outcome() != Provisioner.Outcome.READY) {
            String why = t != null ? Messages.of(t) : r.outcome() == Provisioner.Outcome.CANCELLED ? "Cancelled."
                    : (r.failedStep() == null ? "" : r.failedStep().title() + " failed: ") + r.failure();
            failed.set(true);
            status.set(why + "\n" + left(ledger));
            if (!banner.get().isEmpty()) {
                banner.set(rolledBack(ledger));
            }
            canRetry.set(true);
            return;
        }
        progress.set(1);
        double secs = (System.nanoTime() - started) / 1e9;
        status.set(String.format("Ready in %.0f s: instance %s at %s, with the role %s.", secs, r.lab().instanceId(),
                r.lab().publicIp(), model.spec().names().role()));
        done.set(true);
    }

    private static int live(Ledger l) {
        return l == null ? 0 : l.live().size();
    }

    private static String things(int n) {
        return n + " thing" + (n == 1 ? " is" : "s are");
    }

    private static String left(Ledger l) {
        int n = live(l);
        return n == 0 ? "What had been created was removed." : things(n) + " left (see below); Clean up on the next start removes "
                + (n == 1 ? "it" : "them") + ", or: rolelab down --lab " + l.labId();
    }

    private static String rolledBack(Ledger l) {
        int n = live(l);
        return n == 0 ? "Rolled back: nothing of this lab is left." : "Rolled back, but " + things(n) + " left: the rows below say why.";
    }

    /** What closing the window while the run goes does, for the "Leave RoleLab?" dialog. */
    public String whatClosingDoes() {
        return "RoleLab will stop creating the lab, remove everything it created (the whole lab, if it is finished by then), "
                + "and then close. This can take a minute.";
    }

    /**
     * Closing while the run was going (or after the user said so while it was): cancel, wait for the run to end,
     * then remove whatever of the lab is still there, whichever way the run ended meanwhile (finished: the whole
     * lab; cancelled: what its rollback could not remove). The rollback shows on the page as it goes. Runs on a worker.
     */
    public void stop() {
        Cancel c = cancelToken;
        TaskExecutor.Running f = run;
        Ledger l = ledger;
        if (c == null || f == null || l == null) {
            return;
        }
        c.request();
        f.await();
        if (l.live().isEmpty()) {
            return;
        }
        executor.onFxThread(() -> {
            banner.set("Closing: removing " + (model.provisionedProperty().get() != null ? "the lab that had just become ready" : "what is left of the lab") + "…");
            status.set("Closing: removing what lab " + l.labId() + " still has before the window closes…");
            feed.start();
        });
        removeLab(l, choice);
        executor.onFxThread(() -> {
            feed.stop();
            if (l.live().isEmpty()) {
                model.provisioned(null);
            }
            banner.set(rolledBack(l));
            status.set(left(l));
        });
    }
}
