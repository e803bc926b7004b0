package dev.rolelab.gui.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.Partition;
import dev.rolelab.lab.PolicyDocuments;
import dev.rolelab.lab.PolicyReview;
import dev.rolelab.lab.Problem;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.PlanView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Review page without its nodes: the permissions policy (generated, or as edited) checked live by
 * {@link PolicyReview}, the trust policy, both in plain words, the Dockerfile, and what will be created.
 * The question to IAM is {@link PolicySimulationViewModel}'s.
 */
public final class ReviewViewModel {

    /** One finding of the review, as shown under the editor: "Line 7: no longer allows ecr:PutImage …". */
    public record Finding(String text, boolean error, int line) { }

    /** The trust policy in plain words (always the same: the generated trust policy is not editable). */
    public static final String TRUST_IN_WORDS = "The role may be assumed only by the EC2 service, on behalf of an instance it runs.";

    private final WizardModel model;
    private final PolicySimulationViewModel simulation;
    private final StringProperty policy = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper trust = new ReadOnlyStringWrapper("");
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Set<Integer>> markedLines = new ReadOnlyObjectWrapper<>(Set.of());
    private final ObservableList<String> plain = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Problem> dockerfileMessage = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> summary = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper cost = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper policyOk = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper dockerfileOk = new ReadOnlyBooleanWrapper(true);
    // one read-only view of each list, kept: a view made afresh per call holds its listeners only weakly
    private final ObservableList<Finding> findingsView = FXCollections.unmodifiableObservableList(findings);
    private final ObservableList<String> plainView = FXCollections.unmodifiableObservableList(plain);
    private final ObservableList<String> summaryView = FXCollections.unmodifiableObservableList(summary);
    private final BooleanBinding valid;
    private final BooleanBinding askDisabled;
    private String generated = "";

    public ReviewViewModel(WizardModel model) {
        this.model = model;
        this.simulation = new PolicySimulationViewModel(model);
        valid = Bindings.and(policyOk, dockerfileOk);
        askDisabled = simulation.busyProperty().or(policyOk.not());
        policy.addListener((o, a, b) -> {
            checkPolicy();
            simulation.stale();
        });
        model.dockerfileProperty().addListener((o, a, b) -> checkDockerfile());
        checkDockerfile();
    }

    public PolicySimulationViewModel simulation() {
        return simulation;
    }

    /** The permissions policy's text as shown in the editor; the view writes the user's edits here. */
    public StringProperty policyProperty() {
        return policy;
    }

    public ReadOnlyStringProperty trustProperty() {
        return trust.getReadOnlyProperty();
    }

    public ObservableList<Finding> findings() {
        return findingsView;
    }

    /** The 1-based lines of the policy that have a finding, for the editor to mark (set before {@link #findings()} changes). */
    public ReadOnlyObjectProperty<Set<Integer>> markedLinesProperty() {
        return markedLines.getReadOnlyProperty();
    }

    /** Each statement of the permissions policy in plain words (the trust policy's are {@link #TRUST_IN_WORDS}). */
    public ObservableList<String> plain() {
        return plainView;
    }

    public StringProperty dockerfileProperty() {
        return model.dockerfileProperty();
    }

    public ReadOnlyObjectProperty<Problem> dockerfileMessageProperty() {
        return dockerfileMessage.getReadOnlyProperty();
    }

    /** What will be created, one line each. */
    public ObservableList<String> summary() {
        return summaryView;
    }

    /** What the lab costs while it exists; "" in practice mode, where nothing costs anything. */
    public ReadOnlyStringProperty costProperty() {
        return cost.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty policyOkProperty() {
        return policyOk.getReadOnlyProperty();
    }

    /** The simulator cannot be asked while it is answering, or about a policy the review refuses. */
    public ObservableBooleanValue askDisabled() {
        return askDisabled;
    }

    public ObservableBooleanValue valid() {
        return valid;
    }

    /** On entering the page: the policies for the names and account chosen so far, the review, IAM's answer, the plan. */
    public void enter() {
        Partition partition = partition();
        String region = model.regionProperty().get();
        String repo = model.nameProperty(ResourceKind.REPOSITORY).get();
        generated = Json.pretty(PolicyDocuments.permissions(partition, region, model.account(), repo));
        String edited = model.editedPolicyProperty().get();
        String shown = edited != null ? edited : generated;
        if (shown.equals(policy.get())) {
            checkPolicy(); // the names or the account may have changed, and with them what the review expects
        } else {
            policy.set(shown);
        }
        trust.set(Json.pretty(PolicyDocuments.trust(partition)));
        checkDockerfile();
        if (policyOk.get()) {
            simulation.ask(); // IAM's own reading of the policy, before anything is created
        }
        PlanView plan = PlanView.of(model.spec().toBuilder().permissionsPolicy(null).build(), model.account(), partition);
        List<String> lines = new ArrayList<>();
        for (PlanView.Resource r : plan.resources()) {
            lines.add("•  " + r.title() + ": " + r.name());
        }
        lines.add("•  SSH rule: tcp/22 from " + plan.securityGroupRule().cidr());
        lines.add("•  Instance: " + plan.instance().type() + " (" + plan.instance().architecture() + "), Amazon Linux 2023, IMDSv2 required");
        summary.setAll(lines);
        // practice mode is a simulation: nothing in it costs anything, so no price is shown
        cost.set(model.practice() ? "" : "Cost while it exists: " + plan.hourlyCost() + ".");
    }

    /** Back to the generated policy (the button "Reset to generated"). */
    public void reset() {
        policy.set(generated);
    }

    public void ask() {
        simulation.ask();
    }

    private Partition partition() {
        return model.cloud().regions().partition(model.regionProperty().get());
    }

    private String repositoryArn() {
        return PolicyDocuments.repositoryArn(partition(), model.regionProperty().get(), model.account(),
                model.nameProperty(ResourceKind.REPOSITORY).get());
    }

    private void checkPolicy() {
        String text = policy.get() == null ? "" : policy.get();
        model.editedPolicyProperty().set(text.equals(generated) ? null : text);
        PolicyReview.Result r = PolicyReview.check(text, repositoryArn());
        List<Finding> out = new ArrayList<>();
        Set<Integer> lines = new TreeSet<>();
        for (Problem p : r.problems()) {
            out.add(new Finding((p.line() > 0 ? "Line " + p.line() + ": " : "") + p.message(), p.isError(), p.line()));
            if (p.line() > 0) {
                lines.add(p.line());
            }
        }
        markedLines.set(Set.copyOf(lines));
        findings.setAll(out);
        policyOk.set(r.acceptable());
        List<String> words = new ArrayList<>();
        if (r.document() != null) {
            for (JsonNode s : r.document().path("Statement")) {
                words.add(plainWords(s));
            }
        }
        plain.setAll(words);
    }

    private void checkDockerfile() {
        Problem p = LabRules.dockerfile(model.dockerfileProperty().get()).orElse(null);
        dockerfileMessage.set(p);
        dockerfileOk.set(p == null);
    }

    static String plainWords(JsonNode s) {
        String effect = "Deny".equals(s.path("Effect").asText()) ? "Denies" : "Allows";
        String actions = s.path("Action").isArray() ? s.path("Action").size() + " actions (" + join(s.path("Action")) + ")" : s.path("Action").asText();
        String resource = s.path("Resource").isArray() ? join(s.path("Resource")) : s.path("Resource").asText();
        String where = "*".equals(resource) ? "on every resource (a registry login has no resource of its own)"
                : resource.contains(":repository/") ? "on the repository " + resource.substring(resource.indexOf(":repository/") + 12) + " only" : "on " + resource;
        return effect + " " + actions + " " + where + ".";
    }

    private static String join(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        array.forEach(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n.asText().replace("ecr:", "")));
        return sb.toString();
    }
}
