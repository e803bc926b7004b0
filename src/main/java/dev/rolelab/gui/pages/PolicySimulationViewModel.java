package dev.rolelab.gui.pages;

import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.run.Decision;
import dev.rolelab.run.PolicyCheck;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Review page's question to IAM before anything exists: the edited policy through
 * {@code iam:SimulateCustomPolicy} (in practice mode, RoleLab's own evaluation, and it says so), one line per
 * group of actions, as the proof shows them afterwards. No nodes.
 */
public final class PolicySimulationViewModel {

    /** One group of the table, in words: "push (6 actions) on ec2-ecr-test: allowed, as least privilege expects". */
    public record Line(String text, boolean ok) { }

    private final WizardModel model;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper ok = new ReadOnlyBooleanWrapper();
    private int asked;

    public PolicySimulationViewModel(WizardModel model) {
        this.model = model;
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether the last answer confirmed least privilege (false while none has come). */
    public ReadOnlyBooleanProperty okProperty() {
        return ok.getReadOnlyProperty();
    }

    /** The policy changed: an earlier answer is about another text. */
    public void stale() {
        if (summary.get().isEmpty()) {
            return; // nothing was asked yet
        }
        asked++;
        lines.clear();
        ok.set(false);
        busy.set(false);
        summary.set("The policy changed since the simulator's last answer: ask again.");
    }

    /** Asks about the spec as it is now (its values read here, on the FX thread), off the FX thread. */
    public void ask() {
        LabSpec spec = model.spec();
        String account = model.account();
        boolean practice = model.practice();
        WizardModel.CloudChoice choice = model.cloudChoice();
        int question = ++asked;
        busy.set(true);
        lines.clear();
        ok.set(false);
        summary.set(practice ? "Asking the practice simulator…" : "Asking the IAM policy simulator (iam:SimulateCustomPolicy)…");
        model.services().executor().run(() -> new PolicyCheck(model.cloud(choice), practice).check(spec, account, null), table -> {
            if (question != asked) {
                return; // an answer about a text that was edited since
            }
            busy.set(false);
            show(table);
        }, failure -> {
            if (question != asked) {
                return;
            }
            busy.set(false);
            summary.set("The simulator could not be asked: " + Messages.of(failure));
        });
    }

    private void show(PolicyCheck.Table table) {
        List<Line> out = new ArrayList<>();
        for (PolicyCheck.Group g : table.groups()) {
            List<PolicyCheck.Row> wrong = g.failing();
            String expected = g.first().expected() == PolicyCheck.Expected.ALLOWED ? "allowed" : "denied";
            out.add(new Line(wrong.isEmpty() ? g.asked("every resource") + ": " + expected + ", as least privilege expects"
                    : g.asked("every resource") + ": " + String.join(", ", wrong.stream().map(r -> r.action() + " " + Decision.of(r.verdict()).words()).toList())
                            + " (should be " + expected + ")", wrong.isEmpty()));
        }
        lines.setAll(out);
        ok.set(table.ok());
        summary.set((table.ok() ? "Least privilege confirmed before anything exists" : "The policy allows more, or less, than the lab needs")
                + " — answered by " + table.source() + ".");
    }
}
