package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Fxml;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Who may SSH in (your IP as /32), which instance type, and where it goes. Binds {@link NetworkViewModel}. */
public final class NetworkPage implements Page {

    public static final String TITLE = "Network";

    private final NetworkViewModel viewModel;
    private final PauseTransition recheck = new PauseTransition(Duration.millis(400));
    private final Node view;
    @FXML
    private TextField cidr;
    @FXML
    private Label cidrMessage;
    @FXML
    private CheckBox openOk;
    @FXML
    private ComboBox<String> type;
    @FXML
    private Label architecture;
    @FXML
    private Label typeMessage;
    @FXML
    private Label vpc;
    @FXML
    private VBox noVpc;
    @FXML
    private Button createVpc;
    @FXML
    private TextField subnet;

    public NetworkPage(WizardModel model) {
        viewModel = new NetworkViewModel(model);
        view = Fxml.load(this);
    }

    @FXML
    private void initialize() {
        cidr.textProperty().bindBidirectional(viewModel.cidrProperty());
        openOk.selectedProperty().bindBidirectional(viewModel.openConfirmedProperty());
        openOk.visibleProperty().bind(viewModel.everywhereProperty());
        openOk.managedProperty().bind(viewModel.everywhereProperty());
        Forms.bindMessage(cidrMessage, viewModel.cidrMessageProperty());
        type.getItems().setAll("t3.micro", "t3.small", "t4g.micro", "t4g.small");
        type.valueProperty().bindBidirectional(viewModel.instanceTypeProperty());
        architecture.textProperty().bind(viewModel.architectureProperty());
        Forms.bindMessage(typeMessage, viewModel.typeMessageProperty());
        vpc.textProperty().bind(viewModel.networkTextProperty());
        viewModel.networkFailedProperty().addListener((o, a, failed) -> {
            vpc.getStyleClass().remove("field-error");
            if (failed) {
                vpc.getStyleClass().add("field-error");
            }
        });
        noVpc.visibleProperty().bind(viewModel.offerVpcProperty());
        noVpc.managedProperty().bind(viewModel.offerVpcProperty());
        createVpc.disableProperty().bind(viewModel.creatingVpcProperty());
        subnet.textProperty().bindBidirectional(viewModel.subnetProperty());
        viewModel.instanceTypeProperty().addListener((o, a, b) -> recheck.playFromStart());
        viewModel.subnetProperty().addListener((o, a, b) -> recheck.playFromStart());
        recheck.setOnFinished(e -> viewModel.checkNetwork());
    }

    @FXML
    private void createDefaultVpc() {
        viewModel.createDefaultVpc();
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
        viewModel.enter();
    }
}
