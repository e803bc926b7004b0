package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Fxml;
import dev.rolelab.lab.KeyChoice;
import java.io.File;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/** The SSH key: generated here (the private half never leaves this computer), created by AWS, or yours. Binds {@link KeyViewModel}. */
public final class KeyPage implements Page {

    public static final String TITLE = "Key pair";

    private final KeyViewModel viewModel;
    private final PauseTransition askAccount = new PauseTransition(Duration.millis(350));
    private final Node view;
    @FXML
    private ToggleGroup choice;
    @FXML
    private RadioButton generate;
    @FXML
    private RadioButton aws;
    @FXML
    private RadioButton existing;
    @FXML
    private Label generateNote;
    @FXML
    private TextField name;
    @FXML
    private Label nameMessage;
    @FXML
    private Hyperlink useSuggestion;
    @FXML
    private VBox fileBox;
    @FXML
    private TextField file;
    @FXML
    private Button browse;
    @FXML
    private Label fileMessage;

    public KeyPage(WizardModel model) {
        viewModel = new KeyViewModel(model);
        view = Fxml.load(this);
    }

    @FXML
    private void initialize() {
        generate.setId("key-generate");
        aws.setId("key-aws");
        existing.setId("key-existing");
        generateNote.setText("The private key is written to " + viewModel.keysFolder()
                + ", readable only by you (0600); only the public half is imported into AWS.");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        file.textProperty().bindBidirectional(viewModel.fileProperty());
        choice.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                viewModel.modeProperty().set(b == existing ? KeyChoice.Mode.EXISTING : b == aws ? KeyChoice.Mode.AWS : KeyChoice.Mode.GENERATE);
            }
        });
        viewModel.modeProperty().addListener((o, a, b) -> showMode());
        Forms.bindMessage(nameMessage, viewModel.nameMessageProperty());
        Forms.bindMessage(fileMessage, viewModel.fileMessageProperty());
        viewModel.suggestionProperty().addListener((o, a, b) -> {
            useSuggestion.setText(b == null ? "" : "Use " + b);
            useSuggestion.setVisible(b != null);
            useSuggestion.setManaged(b != null);
        });
        useSuggestion.setOnAction(e -> viewModel.useSuggestion());
        askAccount.setOnFinished(e -> viewModel.checkAccount());
        // the account is asked a moment after the last keystroke (the rules answer at once)
        viewModel.nameProperty().addListener((o, a, b) -> askAccount.playFromStart());
        viewModel.modeProperty().addListener((o, a, b) -> askAccount.playFromStart());
    }

    private void showMode() {
        KeyChoice.Mode m = viewModel.modeProperty().get();
        (m == KeyChoice.Mode.EXISTING ? existing : m == KeyChoice.Mode.AWS ? aws : generate).setSelected(true);
        fileBox.setVisible(viewModel.needsFile());
        fileBox.setManaged(viewModel.needsFile());
    }

    @FXML
    private void browse() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Private key of the key pair");
        File f = fc.showOpenDialog(browse.getScene().getWindow());
        if (f != null) {
            file.setText(f.getAbsolutePath());
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
    public ObservableBooleanValue valid() {
        return viewModel.valid();
    }

    @Override
    public void onEnter() {
        showMode();
        viewModel.validate();
        askAccount.playFromStart();
    }
}
