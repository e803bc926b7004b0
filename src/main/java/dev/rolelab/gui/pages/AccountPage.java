package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Fxml;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Whose account: the default credential chain or a profile (SSO included); which region; who you are. Binds {@link AccountViewModel}. */
public final class AccountPage implements Page {

    public static final String TITLE = "Account";

    private final AccountViewModel viewModel;
    private final Node view;
    /** While the lists are refilled, the combo boxes' changes are not the user's. */
    private boolean filling;
    @FXML
    private Label lead;
    @FXML
    private VBox awsOnly;
    @FXML
    private ComboBox<String> profile;
    @FXML
    private ComboBox<String> region;
    @FXML
    private ProgressIndicator checking;
    @FXML
    private Label who;

    public AccountPage(WizardModel model) {
        viewModel = new AccountViewModel(model);
        view = Fxml.load(this);
    }

    private static StringConverter<String> shown(java.util.function.Function<String, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(String s) {
                return label.apply(s);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        };
    }

    @FXML
    private void initialize() {
        profile.setItems(viewModel.profiles());
        region.setItems(viewModel.regions());
        profile.setConverter(shown(viewModel::profileLabel));
        region.setConverter(shown(viewModel::regionLabel));
        checking.visibleProperty().bind(viewModel.checkingProperty());
        who.textProperty().bind(viewModel.whoProperty());
        viewModel.failedProperty().addListener((o, a, failed) -> {
            who.getStyleClass().remove("field-error");
            if (failed) {
                who.getStyleClass().add("field-error");
            }
        });
        viewModel.regions().addListener((javafx.collections.ListChangeListener<String>) c -> select());
        viewModel.profiles().addListener((javafx.collections.ListChangeListener<String>) c -> select());
        profile.valueProperty().addListener((o, a, b) -> {
            if (!filling) {
                viewModel.chooseProfile(b);
            }
        });
        region.valueProperty().addListener((o, a, b) -> {
            if (!filling) {
                viewModel.chooseRegion(b);
            }
        });
    }

    private void select() {
        filling = true;
        try {
            region.setValue(viewModel.selectedRegion());
            profile.setValue(viewModel.selectedProfile());
        } finally {
            filling = false;
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
        lead.setText(viewModel.lead());
        awsOnly.setVisible(!viewModel.practice());
        awsOnly.setManaged(!viewModel.practice());
        viewModel.enter();
    }
}
