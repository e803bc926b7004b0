package dev.rolelab.gui.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.PolicyDocuments;
import dev.rolelab.lab.PolicyReview;
import dev.rolelab.lab.Problem;
import dev.rolelab.run.PlanView;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;

/** The policies in full (the permissions policy editable and checked live), the Dockerfile, and what will be created. */
public final class ReviewPage implements Page {

    public static final String TITLE = "Review";

    private final WizardModel model;
    private final javafx.beans.binding.BooleanBinding valid;
    private final PolicyEditor policy = new PolicyEditor(true);
    private final PolicyEditor trust = new PolicyEditor(false);
    private final VBox findings = new VBox(4);
    private final VBox plain = new VBox(4);
    private final TextArea dockerfile = new TextArea();
    private final Forms.Field dockerfileField;
    private final VBox summary = new VBox(4);
    private final BooleanProperty policyOk = new SimpleBooleanProperty(true);
    private final BooleanProperty dockerfileOk = new SimpleBooleanProperty(true);
    private final VBox view;
    private final PolicySimulationViewModel simulation;
    private final VBox simulated = new VBox(4);
    private String generated = "";

    public ReviewPage(WizardModel model) {
        this.model = model;
        this.valid = Bindings.and(policyOk, dockerfileOk);
        policy.setId("policy-editor");
        policy.setAccessibleText("Permissions policy, editable JSON");
        trust.setAccessibleText("Trust policy, read only");
        findings.setId("policy-findings");
        Button reset = new Button("Reset to generated");
        reset.setId("policy-reset");
        reset.setOnAction(e -> policy.replaceText(generated));
        VirtualizedScrollPane<PolicyEditor> ps = new VirtualizedScrollPane<>(policy);
        ps.setPrefHeight(340);
        VirtualizedScrollPane<PolicyEditor> ts = new VirtualizedScrollPane<>(trust);
        ts.setPrefHeight(200);
        VBox left = new VBox(6, sub("Permissions policy — what the instance may do"), ps, findings, reset);
        VBox right = new VBox(6, sub("Trust policy — who may assume the role"), ts, sub("In plain words"), plain);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(520);
        right.setPrefWidth(420);
        dockerfile.setId("dockerfile");
        dockerfile.setPrefRowCount(4);
        dockerfile.getStyleClass().add("mono");
        dockerfileField = Forms.field("Dockerfile (built on the instance)", dockerfile, null);
        summary.setId("summary");
        simulation = new PolicySimulationViewModel(model);
        Button ask = new Button("Ask the policy simulator");
        ask.setId("policy-simulate");
        ask.setMnemonicParsing(false);
        ask.disableProperty().bind(simulation.busyProperty().or(policyOk.not()));
        ask.setOnAction(e -> simulation.ask());
        ask.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the sentence beside it wraps; the button never shrinks
        Label simulationSummary = new Label();
        simulationSummary.setId("policy-simulation-summary");
        simulationSummary.setWrapText(true);
        HBox.setHgrow(simulationSummary, Priority.ALWAYS);
        simulationSummary.textProperty().bind(simulation.summaryProperty());
        simulated.setId("policy-simulation");
        simulation.lines().addListener((javafx.collections.ListChangeListener<PolicySimulationViewModel.Line>) c -> {
            simulated.getChildren().clear();
            for (PolicySimulationViewModel.Line line : simulation.lines()) {
                simulated.getChildren().add(Forms.iconText(line.ok() ? "mdi2c-check-circle-outline" : "mdi2a-alert-circle-outline", line.text(), null));
            }
        });
        view = Forms.page(Forms.heading("Review"),
                Forms.lead("Nothing exists yet. This is exactly what RoleLab will create; the permissions policy is yours to tighten."),
                new HBox(20, left, right),
                sub("Asked before anything exists: does IAM read the policy as least privilege?"),
                askRow(ask, simulationSummary), simulated,
                dockerfileField.box(), sub("What will be created"), summary);
        policy.textProperty().addListener((o, a, b) -> {
            checkPolicy();
            simulation.stale();
        });
        dockerfile.textProperty().addListener((o, a, b) -> {
            model.dockerfileProperty().set(b);
            Optional<Problem> p = LabRules.dockerfile(b);
            dockerfileField.show(p.map(List::of).orElse(List.of()));
            dockerfileOk.set(p.isEmpty());
        });
    }

    private static HBox askRow(Button ask, Label summary) {
        HBox row = new HBox(12, ask, summary);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private static Label sub(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private String repositoryArn() {
        return PolicyDocuments.repositoryArn(partition(), model.regionProperty().get(), model.account(),
                model.nameProperty(dev.rolelab.lab.ResourceKind.REPOSITORY).get());
    }

    private dev.rolelab.lab.Partition partition() {
        return model.cloud().regions().partition(model.regionProperty().get());
    }

    private void checkPolicy() {
        String text = policy.getText();
        model.editedPolicyProperty().set(text.equals(generated) ? null : text);
        PolicyReview.Result r = PolicyReview.check(text, repositoryArn());
        findings.getChildren().clear();
        for (Problem p : r.problems()) {
            Label l = new Label((p.line() > 0 ? "Line " + p.line() + ": " : "") + p.message());
            l.setWrapText(true);
            l.getStyleClass().add(p.isError() ? "field-error" : "field-warning");
            findings.getChildren().add(l);
        }
        Set<Integer> lines = r.problems().stream().map(Problem::line).filter(l -> l > 0).collect(Collectors.toSet());
        policy.markLines(lines);
        policyOk.set(r.acceptable());
        plain.getChildren().clear();
        if (r.document() != null) {
            for (JsonNode s : r.document().path("Statement")) {
                plain.getChildren().add(Forms.iconText("mdi2c-check-circle-outline", plainWords(s), null));
            }
        }
        plain.getChildren().add(Forms.iconText("mdi2s-shield-account-outline",
                "The role may be assumed only by the EC2 service, on behalf of an instance it runs.", null));
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
        return valid;
    }

    @Override
    public String nextLabel() {
        return "Create the lab";
    }

    @Override
    public void onEnter() {
        String repo = model.nameProperty(dev.rolelab.lab.ResourceKind.REPOSITORY).get();
        generated = Json.pretty(PolicyDocuments.permissions(partition(), model.regionProperty().get(), model.account(), repo));
        String shown = model.editedPolicyProperty().get() != null ? model.editedPolicyProperty().get() : generated;
        policy.replaceText(shown);
        trust.replaceText(Json.pretty(PolicyDocuments.trust(partition())));
        dockerfile.setText(model.dockerfileProperty().get());
        checkPolicy();
        if (policyOk.get()) {
            simulation.ask(); // IAM's own reading of the policy, before anything is created
        }
        summary.getChildren().clear();
        PlanView plan = PlanView.of(model.spec().toBuilder().permissionsPolicy(null).build(), model.account(), partition());
        for (PlanView.Resource r : plan.resources()) {
            summary.getChildren().add(new Label("•  " + r.title() + ": " + r.name()));
        }
        summary.getChildren().add(new Label("•  SSH rule: tcp/22 from " + plan.securityGroupRule().cidr()));
        summary.getChildren().add(new Label("•  Instance: " + plan.instance().type() + " (" + plan.instance().architecture()
                + "), Amazon Linux 2023, IMDSv2 required"));
        Label cost = new Label("Cost while it exists: " + plan.hourlyCost() + ".");
        cost.setWrapText(true);
        cost.getStyleClass().add("note");
        if (!model.practice()) { // the simulation costs nothing: no price to show
            summary.getChildren().add(cost);
        }
    }
}
