package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.WizardWindow;
import dev.rolelab.gui.util.Dialogs;
import dev.rolelab.gui.util.Fxml;
import java.util.Optional;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Everything the lab created and its deletion state; one button removes it all. Binds {@link CleanupViewModel}. */
public final class CleanupPage implements Page {

    public static final String TITLE = "Clean up";

    private final CleanupViewModel viewModel;
    private final WizardWindow window;
    private final ObservableBooleanValue nextDefault;
    private final Node view;
    @FXML
    private Button remove;
    @FXML
    private Label status;
    @FXML
    private CheckBox keepKey;
    @FXML
    private Label keyRule;
    @FXML
    private VBox list;
    @FXML
    private Label keep;

    public CleanupPage(WizardModel model, WizardWindow window) {
        this.window = window;
        viewModel = new CleanupViewModel(model);
        nextDefault = viewModel.liveProperty().not();
        view = Fxml.load(this);
    }

    @FXML
    private void initialize() {
        remove.disableProperty().bind(viewModel.runningProperty());
        // while something of the lab is left, Enter removes it: the page's main action is the default, not Finish
        remove.defaultButtonProperty().bind(viewModel.liveProperty().and(viewModel.runningProperty().not()));
        remove.visibleProperty().bind(viewModel.liveProperty().or(viewModel.runningProperty()));
        remove.managedProperty().bind(remove.visibleProperty());
        status.textProperty().bind(viewModel.statusProperty());
        viewModel.failedProperty().addListener((o, a, failed) -> {
            status.getStyleClass().remove("field-error");
            if (failed) {
                status.getStyleClass().add("field-error");
            }
        });
        keepKey.textProperty().bind(viewModel.keyChoiceProperty());
        keepKey.selectedProperty().bindBidirectional(viewModel.keepKeyProperty());
        keepKey.disableProperty().bind(viewModel.runningProperty().or(viewModel.removedOnceProperty()));
        keyRule.setText(viewModel.keyRule());
        for (Node n : new Node[] {keepKey, keyRule}) {
            n.visibleProperty().bind(viewModel.hasKeyProperty());
            n.managedProperty().bind(viewModel.hasKeyProperty());
        }
        keep.textProperty().bind(viewModel.keepNoteProperty());
        viewModel.rows().addListener((ListChangeListener<CleanupViewModel.Row>) c -> showRows());
    }

    private void showRows() {
        list.getChildren().clear();
        for (CleanupViewModel.Row r : viewModel.rows()) {
            StepRow row = new StepRow(r.kind().name(), r.title());
            Runnable show = () -> row.set(r.stateProperty().get(), r.detailProperty().get());
            show.run();
            r.stateProperty().addListener((o, a, b) -> show.run());
            r.detailProperty().addListener((o, a, b) -> show.run());
            list.getChildren().add(row);
        }
    }

    @FXML
    private void remove() {
        viewModel.remove();
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
        return viewModel.runningProperty();
    }

    @Override
    public boolean canGoBack() {
        return false;
    }

    @Override
    public ObservableBooleanValue nextIsDefault() {
        return nextDefault;
    }

    /** Going on while the lab still exists is a choice, so it is asked. */
    @Override
    public boolean canExit() {
        Optional<String> question = viewModel.leavingQuestion();
        if (question.isEmpty()) {
            return true;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(window.stage());
        a.setTitle("Keep the lab?");
        a.setHeaderText("The lab still exists.");
        a.setContentText(question.get());
        ButtonType keepIt = new ButtonType("Keep it and go on", ButtonBar.ButtonData.OK_DONE);
        ButtonType stay = new ButtonType("Stay and remove it", ButtonBar.ButtonData.CANCEL_CLOSE);
        a.getButtonTypes().setAll(stay, keepIt);
        Dialogs.fitToText(a);
        return a.showAndWait().orElse(stay) == keepIt;
    }

    @Override
    public void onEnter() {
        viewModel.enter();
    }

    @Override
    public String whatClosingDoes() {
        return "RoleLab will finish removing the lab (stopping halfway would leave resources behind) and then close.";
    }

    @Override
    public void stop() {
        viewModel.stop();
    }
}
