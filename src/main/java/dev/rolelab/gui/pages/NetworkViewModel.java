package dev.rolelab.gui.pages;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Network;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.lab.Architecture;
import dev.rolelab.lab.Cidr;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.Problem;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The Network page without its nodes: who may SSH in (your IP as /32, detected), the instance type and its
 * architecture, and where the instance goes (the default VPC, or a subnet), looked up in the account.
 */
public final class NetworkViewModel {

    private final WizardModel model;
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<Problem> cidrMessage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper everywhere = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Problem> typeMessage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper architecture = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper networkText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper networkFailed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper offerVpc = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper creatingVpc = new ReadOnlyBooleanWrapper();
    private final BooleanProperty cidrOk = new SimpleBooleanProperty();
    private final BooleanProperty typeOk = new SimpleBooleanProperty(true);
    private final BooleanProperty networkOk = new SimpleBooleanProperty();
    private final BooleanBinding valid;
    private int lookup;
    private String asked;

    public NetworkViewModel(WizardModel model) {
        this.model = model;
        this.executor = model.services().executor();
        valid = Bindings.createBooleanBinding(() -> cidrOk.get() && typeOk.get() && networkOk.get(), cidrOk, typeOk, networkOk);
        model.cidrProperty().addListener((o, a, b) -> validateCidr());
        model.cidrOpenConfirmedProperty().addListener((o, a, b) -> validateCidr());
        model.instanceTypeProperty().addListener((o, a, b) -> validateType());
    }

    public StringProperty cidrProperty() {
        return model.cidrProperty();
    }

    public BooleanProperty openConfirmedProperty() {
        return model.cidrOpenConfirmedProperty();
    }

    public StringProperty instanceTypeProperty() {
        return model.instanceTypeProperty();
    }

    public StringProperty subnetProperty() {
        return model.subnetProperty();
    }

    public ReadOnlyObjectProperty<Problem> cidrMessageProperty() {
        return cidrMessage.getReadOnlyProperty();
    }

    /** The rule opens SSH to the whole internet: the page asks for an explicit confirmation. */
    public ReadOnlyBooleanProperty everywhereProperty() {
        return everywhere.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> typeMessageProperty() {
        return typeMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty architectureProperty() {
        return architecture.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty networkTextProperty() {
        return networkText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty networkFailedProperty() {
        return networkFailed.getReadOnlyProperty();
    }

    /** No default VPC (or a chosen subnet): the page offers to create one, or to pick a subnet. */
    public ReadOnlyBooleanProperty offerVpcProperty() {
        return offerVpc.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty creatingVpcProperty() {
        return creatingVpc.getReadOnlyProperty();
    }

    public ObservableBooleanValue valid() {
        return valid;
    }

    /** On entering the page: the detected IP (once), the rules, the network. */
    public void enter() {
        validateCidr();
        validateType();
        if (model.cidrProperty().get().isBlank()) {
            cidrMessage.set(Problem.warning("cidr", "Detecting your public IP…"));
            WizardModel.CloudChoice choice = model.cloudChoice();
            executor.run(() -> model.cloud(choice).publicIp(), ip -> {
                if (model.cidrProperty().get().isBlank()) {
                    model.cidrProperty().set(ip + "/32");
                }
            }, t -> cidrMessage.set(Problem.error("cidr", "Could not detect your public IP: " + Messages.of(t)
                    + " Type it yourself, followed by /32.")));
        }
        checkNetwork();
    }

    void validateCidr() {
        String text = model.cidrProperty().get();
        Cidr.Parsed parsed = Cidr.parse(text);
        boolean open = parsed.cidr() != null && parsed.cidr().everywhere();
        everywhere.set(open);
        List<Problem> problems = LabRules.cidr(text, model.cidrOpenConfirmedProperty().get());
        Problem worst = problems.stream().filter(Problem::isError).findFirst().orElse(problems.isEmpty() ? null : problems.get(0));
        if (open && worst != null && worst.isError()) {
            // the rule's text names the CLI's flag; here the confirmation is the checkbox under the field
            worst = Problem.error("cidr", parsed.cidr() + " opens SSH to the whole internet: use your own IP as /"
                    + parsed.cidr().maxPrefix() + ", or tick the box below to confirm.");
        }
        cidrMessage.set(worst);
        cidrOk.set(!LabRules.hasErrors(problems));
    }

    void validateType() {
        String t = model.instanceTypeProperty().get() == null ? "" : model.instanceTypeProperty().get().trim();
        Optional<Problem> p = LabRules.instanceType(t);
        if (p.isEmpty() && dev.rolelab.lab.InstanceFamily.xen(t)) {
            // Xen types have no "latest" console output: the host keys show only as buffered at boot
            p = Optional.of(Problem.warning("instance-type", t + " is a Xen (non-Nitro) type: EC2 shows its console output only as "
                    + "buffered at boot, so verifying the SSH host key from it can take many minutes (a Nitro type such as t3.micro shows it at once)"));
        }
        typeMessage.set(p.orElse(null));
        typeOk.set(p.map(x -> !x.isError()).orElse(true));
        architecture.set(Architecture.of(t) == Architecture.ARM64 ? "arm64 (Graviton): Amazon Linux 2023 for arm64"
                : "x86_64: Amazon Linux 2023 for x86_64");
    }

    /** Looks for the default VPC and a subnet offering the type (or checks the chosen subnet), off the FX thread. */
    public void checkNetwork() {
        if (!typeOk.get()) {
            return;
        }
        String type = model.instanceTypeProperty().get().trim();
        String chosen = model.subnetProperty().get().isBlank() ? null : model.subnetProperty().get().trim();
        WizardModel.CloudChoice choice = model.cloudChoice();
        String key = choice + "|" + type + "|" + chosen;
        if (key.equals(asked)) {
            return; // already answered, or on its way
        }
        asked = key;
        int mine = ++lookup;
        networkOk.set(false);
        networkFailed.set(false);
        networkText.set(chosen == null ? "Looking for the default VPC…" : "Looking up " + chosen + "…");
        executor.run(() -> model.cloud(choice).network(type, chosen), (Network n) -> {
            if (mine != lookup) {
                return;
            }
            networkOk.set(true);
            offerVpc.set(chosen != null);
            networkText.set((chosen == null ? "Default VPC " : "VPC ") + n.vpcId() + ": the instance goes into subnet " + n.subnetId()
                    + " in " + n.availabilityZone() + ".");
        }, e -> {
            if (mine != lookup) {
                return;
            }
            asked = null; // a failure may be fixed (a VPC created): ask again next time
            networkFailed.set(true);
            boolean missing = e instanceof CloudException c && c.kind() == CloudException.Kind.NO_DEFAULT_VPC;
            offerVpc.set(missing || chosen != null);
            networkText.set(Messages.of(e));
        });
    }

    public void createDefaultVpc() {
        creatingVpc.set(true);
        networkFailed.set(false);
        networkText.set("Creating the default VPC (it stays afterwards: it belongs to the account, not to the lab)…");
        WizardModel.CloudChoice choice = model.cloudChoice();
        executor.run(() -> dev.rolelab.run.DefaultVpc.create(model.cloud(choice)), id -> {
            creatingVpc.set(false);
            asked = null;
            checkNetwork();
        }, e -> {
            creatingVpc.set(false);
            networkFailed.set(true);
            networkText.set(Messages.of(e));
        });
    }
}
