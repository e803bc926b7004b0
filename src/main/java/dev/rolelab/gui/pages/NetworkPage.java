package dev.rolelab.gui.pages;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Network;
import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.lab.Architecture;
import dev.rolelab.lab.Cidr;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.Problem;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Who may SSH in (your IP as /32), which instance type, and where it goes (the default VPC, or a subnet). */
public final class NetworkPage implements Page {

    public static final String TITLE = "Network";

    private final WizardModel model;
    private final BooleanBinding valid;
    private final TextField cidr = new TextField();
    private final CheckBox openOk = new CheckBox("I understand: anyone on the internet may try to log in over SSH");
    private final ComboBox<String> type = new ComboBox<>();
    private final Label arch = new Label();
    private final Label vpc = new Label();
    private final Button createVpc = new Button("Create the default VPC");
    private final TextField subnet = new TextField();
    private final VBox noVpc;
    private final Forms.Field cidrField;
    private final Forms.Field typeField;
    private final BooleanProperty cidrOk = new SimpleBooleanProperty();
    private final BooleanProperty typeOk = new SimpleBooleanProperty(true);
    private final BooleanProperty networkOk = new SimpleBooleanProperty();
    private final PauseTransition recheck = new PauseTransition(Duration.millis(400));
    private final VBox view;
    private int lookup;
    private String checking;

    public NetworkPage(WizardModel model) {
        this.model = model;
        cidr.setId("cidr");
        cidr.setPromptText("203.0.113.7/32");
        cidr.setMaxWidth(320);
        cidrField = Forms.field("Allow SSH from", cidr, "Your public IP address as /32: the security group lets only this address connect on port 22.");
        openOk.setVisible(false);
        openOk.setManaged(false);
        type.setId("instance-type");
        type.setEditable(true);
        type.getItems().setAll("t3.micro", "t3.small", "t4g.micro", "t4g.small");
        typeField = Forms.field("Instance type", type, null);
        typeField.box().getChildren().add(2, arch);
        arch.getStyleClass().add("note");
        vpc.setWrapText(true);
        vpc.setId("vpc-status");
        subnet.setId("subnet");
        subnet.setPromptText("subnet-0123456789abcdef0");
        subnet.setMaxWidth(320);
        createVpc.setOnAction(e -> createDefaultVpc());
        noVpc = new VBox(8, createVpc, Forms.field("…or launch into this subnet", subnet, "A subnet with a route to the internet; the instance gets a public IP.").box());
        noVpc.setVisible(false);
        noVpc.setManaged(false);
        view = Forms.page(Forms.heading("Network and instance"),
                Forms.lead("The instance needs to be reachable over SSH from this computer, and nowhere else."),
                cidrField.box(), openOk, typeField.box(), Forms.field("Network", vpc, null).box(), noVpc);

        cidr.textProperty().addListener((o, a, b) -> {
            model.cidrProperty().set(b);
            validateCidr();
        });
        openOk.selectedProperty().addListener((o, a, b) -> {
            model.cidrOpenConfirmedProperty().set(b);
            validateCidr();
        });
        type.valueProperty().addListener((o, a, b) -> {
            model.instanceTypeProperty().set(b == null ? "" : b.trim());
            validateType();
            recheck.playFromStart();
        });
        subnet.textProperty().addListener((o, a, b) -> {
            model.subnetProperty().set(b);
            if (!b.isBlank()) {
                recheck.playFromStart();
            }
        });
        recheck.setOnFinished(e -> checkNetwork());
        valid = Bindings.createBooleanBinding(() -> cidrOk.get() && typeOk.get() && networkOk.get(), cidrOk, typeOk, networkOk);
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
    public void onEnter() {
        type.setValue(model.instanceTypeProperty().get());
        subnet.setText(model.subnetProperty().get());
        if (model.cidrProperty().get().isBlank()) {
            cidrField.showText("Detecting your public IP…", false);
            WizardModel.CloudChoice choice = model.cloudChoice();
            model.services().executor().run(() -> model.cloud(choice).publicIp(), ip -> {
                if (cidr.getText().isBlank()) {
                    cidr.setText(ip + "/32");
                }
            }, t -> cidrField.showText((t instanceof CloudException c ? c.getMessage() + ". " + c.hint() : t.getMessage()), true));
        } else {
            cidr.setText(model.cidrProperty().get());
            validateCidr();
        }
        checkNetwork();
    }

    private void validateCidr() {
        List<Problem> problems = LabRules.cidr(cidr.getText(), openOk.isSelected());
        Cidr.Parsed parsed = Cidr.parse(cidr.getText());
        boolean everywhere = parsed.cidr() != null && parsed.cidr().everywhere();
        openOk.setVisible(everywhere);
        openOk.setManaged(everywhere);
        cidrField.show(problems);
        cidrOk.set(!LabRules.hasErrors(problems));
    }

    private void validateType() {
        String t = model.instanceTypeProperty().get();
        Optional<Problem> p = LabRules.instanceType(t);
        typeField.show(p.map(List::of).orElse(List.of()));
        typeOk.set(p.map(x -> !x.isError()).orElse(true));
        Architecture a = Architecture.of(t);
        arch.setText(a == Architecture.ARM64 ? "arm64 (Graviton): Amazon Linux 2023 for arm64" : "x86_64: Amazon Linux 2023 for x86_64");
    }

    /** Looks for the default VPC and a subnet offering the type (or checks the chosen subnet), in the background. */
    private void checkNetwork() {
        if (!typeOk.get()) {
            return;
        }
        String t = model.instanceTypeProperty().get();
        String chosen = model.subnetProperty().get().isBlank() ? null : model.subnetProperty().get().trim();
        WizardModel.CloudChoice choice = model.cloudChoice();
        String key = choice + "|" + t + "|" + chosen;
        if (key.equals(checking)) {
            return; // already answered, or on its way
        }
        checking = key;
        int mine = ++lookup;
        networkOk.set(false);
        vpc.getStyleClass().removeAll("field-error");
        vpc.setText("Looking for the default VPC…");
        model.services().executor().run(() -> model.cloud(choice).network(t, chosen), (Network n) -> {
            if (mine != lookup) {
                return;
            }
            networkOk.set(true);
            noVpc.setVisible(chosen != null);
            noVpc.setManaged(chosen != null);
            vpc.setText((chosen == null ? "Default VPC " : "VPC ") + n.vpcId() + ": the instance goes into subnet " + n.subnetId()
                    + " in " + n.availabilityZone() + ".");
        }, e -> {
            if (mine != lookup) {
                return;
            }
            checking = null; // a failure may be fixed (a VPC created): ask again next time
            vpc.getStyleClass().add("field-error");
            boolean missing = e instanceof CloudException c && c.kind() == CloudException.Kind.NO_DEFAULT_VPC;
            noVpc.setVisible(missing || chosen != null);
            noVpc.setManaged(missing || chosen != null);
            vpc.setText(e instanceof CloudException c ? c.getMessage() + ". " + c.hint() : String.valueOf(e.getMessage()));
        });
    }

    private void createDefaultVpc() {
        createVpc.setDisable(true);
        vpc.setText("Creating the default VPC (it stays afterwards: it belongs to the account, not to the lab)…");
        WizardModel.CloudChoice choice = model.cloudChoice();
        model.services().executor().run(() -> model.cloud(choice).createDefaultVpc(), id -> {
            createVpc.setDisable(false);
            checking = null;
            checkNetwork();
        }, e -> {
            createVpc.setDisable(false);
            vpc.setText(e instanceof CloudException c ? c.describe() : e.getMessage());
        });
    }

}
