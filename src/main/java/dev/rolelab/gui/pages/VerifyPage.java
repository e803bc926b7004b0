package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Fxml;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** The role at work: the image in ECR, the temporary credentials (prefix and expiry only), the simulator's verdicts. Binds {@link VerifyViewModel}. */
public final class VerifyPage implements Page {

    public static final String TITLE = "Verify";

    private final VerifyViewModel viewModel;
    private final Node view;
    @FXML
    private GridPane image;
    @FXML
    private GridPane credentials;
    @FXML
    private GridPane simulator;
    @FXML
    private Label verdict;

    public VerifyPage(WizardModel model) {
        viewModel = new VerifyViewModel(model);
        view = Fxml.load(this);
    }

    @FXML
    private void initialize() {
        verdict.textProperty().bind(viewModel.verdictProperty());
        viewModel.leastPrivilegeProperty().addListener((o, a, ok) -> {
            verdict.getStyleClass().removeAll("ok-box", "error-box");
            verdict.getStyleClass().add(ok ? "ok-box" : "error-box");
        });
    }

    private static Label label(String text, String style) {
        Label l = new Label(text);
        l.setMnemonicParsing(false);
        l.setWrapText(true);
        if (style != null) {
            l.getStyleClass().add(style);
        }
        return l;
    }

    private static void facts(GridPane g, List<VerifyViewModel.Fact> facts) {
        g.getChildren().clear();
        int r = 0;
        for (VerifyViewModel.Fact f : facts) {
            g.addRow(r++, label(f.label(), "field-label"), label(f.value(), null));
        }
    }

    private void render() {
        facts(image, viewModel.image());
        facts(credentials, viewModel.credentials());
        simulator.getChildren().clear();
        if (viewModel.decisions().isEmpty()) {
            return;
        }
        int r = 0;
        simulator.addRow(r++, label("Action", "field-label"), label("Resource", "field-label"), label("Decision", "field-label"));
        for (VerifyViewModel.Decision d : viewModel.decisions()) {
            simulator.addRow(r++, label(d.action(), null), label(d.resource(), null),
                    label(d.words(), d.allowed() ? "decision-allowed" : "decision-denied"));
        }
        verdict.getStyleClass().removeAll("ok-box", "error-box");
        verdict.getStyleClass().add(viewModel.leastPrivilegeProperty().get() ? "ok-box" : "error-box");
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
    public boolean canGoBack() {
        return false;
    }

    @Override
    public void onEnter() {
        viewModel.refresh();
        render();
    }
}
