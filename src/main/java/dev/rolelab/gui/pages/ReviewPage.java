package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Fxml;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;

/** The policies in full (the permissions policy editable and checked live), the Dockerfile, and what will be created. Binds {@link ReviewViewModel}. */
public final class ReviewPage implements Page {

    public static final String TITLE = "Review";

    private final ReviewViewModel viewModel;
    private final PolicyEditor policy = new PolicyEditor(true);
    private final PolicyEditor trust = new PolicyEditor(false);
    private final Node view;
    @FXML
    private StackPane policyArea;
    @FXML
    private StackPane trustArea;
    @FXML
    private VBox findings;
    @FXML
    private VBox plain;
    @FXML
    private Label trustInWords;
    @FXML
    private Button ask;
    @FXML
    private Label simulationSummary;
    @FXML
    private VBox simulated;
    @FXML
    private TextArea dockerfile;
    @FXML
    private Label dockerfileMessage;
    @FXML
    private VBox summary;
    @FXML
    private Label cost;

    public ReviewPage(WizardModel model) {
        viewModel = new ReviewViewModel(model);
        view = Fxml.load(this);
    }

    @FXML
    private void initialize() {
        policy.setId("policy-editor");
        policy.setAccessibleText("Permissions policy, editable JSON");
        trust.setAccessibleText("Trust policy, read only");
        VirtualizedScrollPane<PolicyEditor> ps = new VirtualizedScrollPane<>(policy);
        ps.setPrefHeight(340);
        policyArea.getChildren().add(ps);
        VirtualizedScrollPane<PolicyEditor> ts = new VirtualizedScrollPane<>(trust);
        ts.setPrefHeight(200);
        trustArea.getChildren().add(ts);

        // the editor's text and the view-model's, each way; equal texts stop the round trip
        policy.textProperty().addListener((o, a, b) -> {
            viewModel.policyProperty().set(b);
            policy.markLines(viewModel.markedLinesProperty().get()); // new text, new paragraphs: mark them again
        });
        viewModel.policyProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(policy.getText())) {
                policy.replaceText(b);
            }
        });
        viewModel.trustProperty().addListener((o, a, b) -> trust.replaceText(b));
        viewModel.findings().addListener((ListChangeListener<ReviewViewModel.Finding>) c -> {
            findings.getChildren().clear();
            for (ReviewViewModel.Finding f : viewModel.findings()) {
                Label l = label(f.text());
                l.getStyleClass().add(f.error() ? "field-error" : "field-warning");
                findings.getChildren().add(l);
            }
        });
        viewModel.plain().addListener((ListChangeListener<String>) c -> {
            plain.getChildren().clear();
            for (String words : viewModel.plain()) {
                plain.getChildren().add(iconText("mdi2c-check-circle-outline", words));
            }
        });
        trustInWords.setText(ReviewViewModel.TRUST_IN_WORDS);

        PolicySimulationViewModel simulation = viewModel.simulation();
        ask.disableProperty().bind(viewModel.askDisabled());
        simulationSummary.textProperty().bind(simulation.summaryProperty());
        simulation.lines().addListener((ListChangeListener<PolicySimulationViewModel.Line>) c -> {
            simulated.getChildren().clear();
            for (PolicySimulationViewModel.Line line : simulation.lines()) {
                simulated.getChildren().add(iconText(line.ok() ? "mdi2c-check-circle-outline" : "mdi2a-alert-circle-outline", line.text()));
            }
        });

        dockerfile.textProperty().bindBidirectional(viewModel.dockerfileProperty());
        Forms.bindMessage(dockerfileMessage, viewModel.dockerfileMessageProperty());

        viewModel.summary().addListener((ListChangeListener<String>) c -> {
            summary.getChildren().setAll(viewModel.summary().stream().map(ReviewPage::label).toList());
        });
        cost.textProperty().bind(viewModel.costProperty());
        cost.visibleProperty().bind(viewModel.costProperty().isNotEmpty());
        cost.managedProperty().bind(viewModel.costProperty().isNotEmpty());
    }

    /** A label for text from data (names, messages): an underscore in it is text, not a mnemonic. */
    private static Label label(String text) {
        Label l = new Label(text);
        l.setMnemonicParsing(false);
        l.setWrapText(true);
        return l;
    }

    /** An icon followed by text, as {@link Forms#iconText}, with the text kept as written. */
    private static HBox iconText(String literal, String text) {
        Label l = label(text);
        HBox.setHgrow(l, Priority.ALWAYS);
        return new HBox(8, Forms.icon(literal), l);
    }

    @FXML
    private void reset() {
        viewModel.reset();
    }

    @FXML
    private void askSimulator() {
        viewModel.ask();
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
        return viewModel.valid();
    }

    @Override
    public String nextLabel() {
        return "Create the lab";
    }

    /**
     * Creating the lab takes a deliberate press: Enter is not it. A quick second Enter on Names, or a held key,
     * otherwise went straight through this page into provisioning, and the policy was never seen.
     */
    @Override
    public ObservableBooleanValue nextIsDefault() {
        return NO;
    }

    @Override
    public void onEnter() {
        viewModel.enter();
    }
}
