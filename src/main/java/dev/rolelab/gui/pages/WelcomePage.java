package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.WizardWindow;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Fxml;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** What you will build, as a picture; your account or practice; labs left open from earlier runs. Binds {@link WelcomeViewModel}. */
public final class WelcomePage implements Page {

    public static final String TITLE = "Welcome";

    private final WelcomeViewModel viewModel;
    private final WizardWindow window;
    private final Node view;
    @FXML
    private ToggleGroup choice;
    @FXML
    private ToggleButton aws;
    @FXML
    private ToggleButton practice;
    @FXML
    private Label roleLine;
    @FXML
    private Label repositoryLine;
    @FXML
    private Label imageLine;
    @FXML
    private Label noCredentials;
    @FXML
    private VBox openLabs;

    public WelcomePage(WizardModel model, WizardWindow window) {
        this.window = window;
        viewModel = new WelcomeViewModel(model);
        view = Fxml.load(this);
        viewModel.lookForCredentials();
    }

    @FXML
    private void initialize() {
        roleLine.textProperty().bind(viewModel.roleLine());
        repositoryLine.textProperty().bind(viewModel.repositoryName());
        imageLine.textProperty().bind(viewModel.imageLine());
        showChoice(viewModel.practiceProperty().get());
        viewModel.practiceProperty().addListener((o, a, p) -> showChoice(p));
        choice.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always chosen
            } else {
                viewModel.practiceProperty().set(now == practice);
            }
        });
        noCredentials.visibleProperty().bind(viewModel.noCredentialsProperty());
        noCredentials.managedProperty().bind(viewModel.noCredentialsProperty());
        viewModel.openLabs().addListener((ListChangeListener<WelcomeViewModel.OpenLab>) c -> showOpenLabs());
        viewModel.problemProperty().addListener((o, a, b) -> showOpenLabs());
    }

    private void showChoice(boolean isPractice) {
        (isPractice ? practice : aws).setSelected(true);
    }

    private void showOpenLabs() {
        openLabs.getChildren().clear();
        if (!viewModel.problemProperty().get().isEmpty()) {
            openLabs.getChildren().add(Forms.iconText("mdi2a-alert-circle-outline", viewModel.problemProperty().get(), "error-box"));
        }
        if (viewModel.openLabs().isEmpty()) {
            return;
        }
        openLabs.getChildren().add(Forms.iconText("mdi2a-alert-outline", viewModel.openLabsHeadingProperty().get(), "warning-box"));
        for (WelcomeViewModel.OpenLab l : viewModel.openLabs()) {
            Label what = new Label(l.text());
            what.setMnemonicParsing(false);
            what.setWrapText(true);
            HBox.setHgrow(what, Priority.ALWAYS);
            what.setMaxWidth(Double.MAX_VALUE);
            Button clean = new Button("Clean up");
            clean.setMnemonicParsing(false);
            clean.setId("cleanup-" + l.labId());
            clean.setOnAction(e -> {
                viewModel.cleanUp(l);
                window.goTo(CleanupPage.class);
            });
            HBox row = new HBox(10, what, clean);
            if (l.resumable()) {
                Button resume = new Button("Resume");
                resume.setMnemonicParsing(false);
                resume.setId("resume-" + l.labId());
                resume.disableProperty().bind(viewModel.resumingProperty());
                resume.setOnAction(e -> viewModel.resume(l, () -> window.goTo(BuildPage.class)));
                row.getChildren().add(resume);
            }
            row.setAlignment(Pos.CENTER_LEFT);
            openLabs.getChildren().add(row);
        }
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
    public void onEnter() {
        viewModel.enter();
    }
}
