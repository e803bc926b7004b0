package dev.rolelab.gui.pages;

import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Handover;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.gui.util.TaskExecutor;
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
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Build and push page without its nodes: the remote steps as a checklist (reading the host keys and
 * connecting first, the proof last), the terminal's lines, and the run's status, Retry and Cancel. A retry
 * starts at the step that failed, with the same workflow, so what earlier steps read on the instance is kept.
 */
public final class BuildViewModel {

    /** Asks the person whether to trust a host key the instance did not print (the view shows a dialog). */
    @FunctionalInterface
    public interface HostKeyQuestion {
        /** On the FX thread. */
        boolean trust(String fingerprint);
    }

    /** A row's state, as the checklist shows it. */
    public enum State { WAITING, RUNNING, RETRYING, DONE, FAILED, SKIPPED }

    /** A row's state and what it says (the last non-empty detail stays). */
    public record Status(State state, String detail) { }

    /** One line for the terminal, and what kind of line it is. */
    public record Line(String text, Kind kind) {
        public enum Kind { OUT, ERR, COMMAND, INFO }
    }

    /** One row of the checklist: a remote step, or the host keys, the connection, the proof. */
    public static final class Row {
        private final String id;
        private final String title;
        private final String extra;
        private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(new Status(State.WAITING, ""));
        private final ReadOnlyObjectWrapper<java.time.Duration> took = new ReadOnlyObjectWrapper<>();
        private final StepClock clock = new StepClock();

        Row(String id, String title, String extra) {
            this.id = id;
            this.title = title;
            this.extra = extra;
        }

        public String id() {
            return id;
        }

        public String title() {
            return title;
        }

        /** The step's explanation and command, or null. */
        public String extra() {
            return extra;
        }

        public ReadOnlyObjectProperty<Status> statusProperty() {
            return status.getReadOnlyProperty();
        }

        public State state() {
            return status.get().state();
        }

        /** How long the step took, once it is done or failed (null before). */
        public ReadOnlyObjectProperty<java.time.Duration> tookProperty() {
            return took.getReadOnlyProperty();
        }

        void timed(Event e) {
            java.time.Duration d = clock.on(e);
            if (d != null) {
                took.set(d);
            }
        }

        public String detail() {
            return status.get().detail();
        }

        void set(State s, String detail) {
            if (s == State.WAITING) {
                clock.reset(); // a stopped step starts its time again when it runs again
            }
            status.set(new Status(s, detail == null || detail.isEmpty() ? status.get().detail() : detail));
        }

        boolean active() {
            return state() == State.RUNNING || state() == State.RETRYING;
        }
    }

    private final WizardModel model;
    private final TaskExecutor executor;
    private final HostKeyQuestion question;
    private final Handover<Event> events;
    private final Map<String, Row> byId = new LinkedHashMap<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call holds the listeners added to it only weakly, so a garbage
     * collection took them, and with them the page's link to this list. */
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper statusError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper retryOffered = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper();
    private Consumer<List<Line>> terminal = lines -> { };
    private volatile BuildAndPush remote;
    private volatile Cancel cancelToken;
    private volatile TaskExecutor.Running run;
    private int nextStep;

    /**
     * @param handover carries the workflow's events to the FX thread, to the sink it is made with (the view's
     *                 frame pump; {@link Handover#immediate} in tests)
     */
    public BuildViewModel(WizardModel model, HostKeyQuestion question, Function<Consumer<List<Event>>, Handover<Event>> handover) {
        this.model = model;
        this.executor = model.services().executor();
        this.question = question;
        this.events = handover.apply(this::apply);
    }

    public ObservableList<Row> rows() {
        return rowsView;
    }

    /** The row of a step ("host-keys", "ssh", a remote step's id, "proof"), or null. */
    public Row row(String id) {
        return byId.get(id);
    }

    /** Where the terminal's lines go, a batch at a time (on the FX thread). */
    public void terminal(Consumer<List<Line>> sink) {
        terminal = sink;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty statusErrorProperty() {
        return statusError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty retryOfferedProperty() {
        return retryOffered.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The image was pushed and the role proved: Next may be pressed. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** On entering the page: the rows (once), then the run unless it ran or runs. */
    public void enter() {
        if (rows.isEmpty()) {
            List<RemoteStep> steps = RemoteSteps.forLab(model.spec(), model.account(), model.cloud().regions().partition(model.spec().region()));
            List<Row> made = new ArrayList<>();
            made.add(new Row("host-keys", "Read the instance's host keys from its console", null));
            made.add(new Row("ssh", "Connect over SSH", null));
            for (RemoteStep s : steps) {
                made.add(new Row(s.id(), s.title(), s.explanation() + "\n$ " + s.command()));
            }
            made.add(new Row("proof", "Prove the role from this computer", null));
            made.forEach(r -> byId.put(r.id(), r));
            rows.setAll(made);
        }
        if (!done.get() && !running.get() && run == null) {
            start();
        }
    }

    /** Runs from the step that failed (all of them the first time). */
    public void start() {
        Provisioner.Provisioned p = model.provisionedProperty().get();
        retryOffered.set(false);
        statusError.set(false);
        status.set("Working on " + p.instanceId() + " at " + p.publicIp() + "…");
        String roleArn = roleArn(p);
        if (roleArn == null) {
            statusError.set(true);
            status.set("The lab's ledger records no role ARN, so the role cannot be proved. Clean up this lab and create it again.");
            return;
        }
        running.set(true);
        Cancel c = new Cancel();
        cancelToken = c;
        BuildAndPush r = remote;
        if (r == null) { // one per lab: a retry keeps what earlier steps read on the instance
            var cloud = model.cloud();
            r = new BuildAndPush(cloud, model.services().hosts().apply(cloud), model.services().waits().apply(cloud));
            remote = r;
        }
        events.start();
        BuildAndPush.Target target = new BuildAndPush.Target(p.instanceId(), p.publicIp(), p.privateKey(), model.account(), roleArn);
        int from = nextStep;
        var spec = model.spec();
        BuildAndPush workflow = r;
        run = executor.run(() -> workflow.run(spec, target, from, fp -> executor.ask(() -> question.trust(fp)), c, events::offer),
                res -> finish(res, null), t -> finish(null, t));
    }

    /** Ends the running command and session at once. */
    public void cancel() {
        BuildAndPush r = remote;
        Cancel c = cancelToken;
        if (r != null && c != null) {
            r.cancel(c);
        }
    }

    /** The window closes: cancels, and returns once the run has ended (on a worker thread). */
    public void stop() {
        TaskExecutor.Running f = run;
        cancel();
        if (f != null) {
            f.await();
        }
    }

    /** The role's ARN as AWS returned it when the lab was made (from the run, or the ledger of a resumed lab). */
    private String roleArn(Provisioner.Provisioned p) {
        if (p.roleArn() != null) {
            return p.roleArn();
        }
        Ledger ledger = model.ledgerProperty().get();
        return ledger == null ? null : ledger.get(ResourceKind.ROLE).map(LedgerEntry::id).filter(id -> id.startsWith("arn:")).orElse(null);
    }

    /** A batch of the workflow's events, on the FX thread: lines for the terminal, states for the rows. */
    void apply(List<Event> batch) {
        List<Line> lines = new ArrayList<>(batch.size());
        for (Event e : batch) {
            if (e.type() == Event.Type.OUTPUT) {
                lines.add(new Line(e.message(), "stderr".equals(e.title()) ? Line.Kind.ERR : Line.Kind.OUT));
                continue;
            }
            if (e.type() == Event.Type.STARTED && e.message().startsWith("$ ")) {
                lines.add(new Line(e.message(), Line.Kind.COMMAND));
            } else if (e.type() == Event.Type.INFO || e.type() == Event.Type.FAILED) {
                lines.add(new Line("# " + e.title() + ": " + e.message(), Line.Kind.INFO));
            }
            Row r = e.about() instanceof Event.Subject.Remote step ? byId.get(step.id()) : null;
            if (r != null) {
                show(r, e);
            }
        }
        if (!lines.isEmpty()) {
            terminal.accept(lines);
        }
    }

    private static void show(Row r, Event e) {
        r.timed(e);
        switch (e.type()) {
            case STARTED -> r.set(State.RUNNING, e.message().startsWith("$ ") ? "" : e.message());
            case PROGRESS -> r.set(State.RUNNING, e.message());
            case RETRYING -> r.set(State.RETRYING, e.message());
            case DONE -> r.set(State.DONE, e.message());
            case FAILED -> r.set(State.FAILED, e.message());
            case SKIPPED -> r.set(State.SKIPPED, e.message());
            default -> { }
        }
    }

    private void finish(BuildAndPush.Result r, Throwable t) {
        events.stop();
        running.set(false);
        if (t != null) {
            String why = Messages.of(t);
            failRunning(why);
            statusError.set(true);
            status.set(why);
            retryOffered.set(true);
            return;
        }
        nextStep = r.nextStep();
        switch (r.outcome()) {
            case DONE -> {
                model.proof(r.proof());
                status.set("Done: the image was pushed with the role's temporary credentials.");
                done.set(true);
            }
            case CANCELLED -> {
                rows.stream().filter(Row::active).forEach(row -> row.set(State.WAITING, "cancelled; Retry runs it again"));
                status.set("Cancelled. The lab is still there: retry, or go on to clean up.");
                retryOffered.set(true);
            }
            default -> {
                failRunning(r.failure());
                statusError.set(true);
                status.set(r.failure() + (r.failed() == null ? "" : ". Its last lines are in the terminal."));
                retryOffered.set(true);
            }
        }
    }

    /** The run ended on a failure: the row that was running says so (and why), never a later one. */
    private void failRunning(String why) {
        rows.stream().filter(Row::active).forEach(row -> row.set(State.FAILED, why));
    }
}
