package dev.rolelab.gui;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.Identity;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.Names;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.BuildAndPush;
import dev.rolelab.run.Provisioner;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state the pages share: what the user chose (typed, writable properties the pages bind to) and what
 * the run produced (read-only properties, set by the page that produced it). No nodes here. {@link #spec()}
 * turns the choices into the engine's {@link LabSpec}; {@link #resume(Ledger)} turns a ledger back into choices.
 */
public final class WizardModel {

    /** The kinds whose names the user picks on the Names page (the key pair's name is the Key pair page's). */
    public static final List<ResourceKind> NAMED = List.of(ResourceKind.REPOSITORY, ResourceKind.POLICY, ResourceKind.ROLE,
            ResourceKind.INSTANCE_PROFILE, ResourceKind.SECURITY_GROUP, ResourceKind.INSTANCE);

    private static final Logger LOG = LoggerFactory.getLogger(WizardModel.class);

    /** Which account: read on the FX thread, handed to the work that needs a cloud. */
    public record CloudChoice(boolean practice, String region, String profile) { }

    private final Services services;

    private final BooleanProperty practice = new SimpleBooleanProperty(true);
    private final StringProperty profile = new SimpleStringProperty();
    private final StringProperty region = new SimpleStringProperty(LabSpec.DEFAULT_REGION);
    private final ReadOnlyObjectWrapper<Identity> identity = new ReadOnlyObjectWrapper<>();

    private final StringProperty cidr = new SimpleStringProperty("");
    private final BooleanProperty cidrOpenConfirmed = new SimpleBooleanProperty();
    private final StringProperty instanceType = new SimpleStringProperty(LabSpec.DEFAULT_INSTANCE_TYPE);
    private final StringProperty subnet = new SimpleStringProperty("");

    private final ObjectProperty<KeyChoice.Mode> keyMode = new SimpleObjectProperty<>(KeyChoice.Mode.GENERATE);
    private final StringProperty keyName = new SimpleStringProperty(Names.tutorial().keyPair());
    private final StringProperty existingKeyFile = new SimpleStringProperty("");

    private final Map<ResourceKind, StringProperty> names = new EnumMap<>(ResourceKind.class);
    private final StringProperty image = new SimpleStringProperty(LabSpec.DEFAULT_IMAGE);
    private final StringProperty tag = new SimpleStringProperty(LabSpec.DEFAULT_TAG);
    private final StringProperty dockerfile = new SimpleStringProperty(LabSpec.TUTORIAL_DOCKERFILE);
    private final StringProperty editedPolicy = new SimpleStringProperty();

    private final ReadOnlyObjectWrapper<Ledger> ledger = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Provisioner.Provisioned> provisioned = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BuildAndPush.Proof> proof = new ReadOnlyObjectWrapper<>();

    private Cloud cloud;
    private CloudChoice cloudChoice;

    public WizardModel(Services services) {
        this.services = services;
        Names n = Names.tutorial();
        for (ResourceKind k : NAMED) {
            names.put(k, new SimpleStringProperty(n.of(k)));
        }
        practice.addListener((o, a, b) -> identity.set(null));
        profile.addListener((o, a, b) -> identity.set(null));
        region.addListener((o, a, b) -> identity.set(null));
    }

    public Services services() {
        return services;
    }

    // ---- the account

    public BooleanProperty practiceProperty() {
        return practice;
    }

    public boolean practice() {
        return practice.get();
    }

    /** The profile's name, or null for the default credential chain. */
    public StringProperty profileProperty() {
        return profile;
    }

    public StringProperty regionProperty() {
        return region;
    }

    /** Who the credentials belong to, once STS has said; null while unknown (or the choice changed). */
    public ReadOnlyObjectProperty<Identity> identityProperty() {
        return identity.getReadOnlyProperty();
    }

    public void identity(Identity value) {
        identity.set(value);
    }

    public String account() {
        Identity id = identity.get();
        return id == null ? "ACCOUNT" : id.account();
    }

    /** The current choice of account, read now (on the FX thread). */
    public CloudChoice cloudChoice() {
        return new CloudChoice(practice.get(), region.get(), profile.get());
    }

    /** The cloud for the current choice (see {@link #cloud(CloudChoice)}). Call on the FX thread. */
    public Cloud cloud() {
        return cloud(cloudChoice());
    }

    /**
     * The cloud for a choice: opened on first use, then reused; a cloud for an earlier choice is closed.
     * Opening an AWS cloud loads SDK classes: call this from a worker with the choice read on the FX thread.
     */
    public synchronized Cloud cloud(CloudChoice choice) {
        if (cloud == null || !choice.equals(cloudChoice)) {
            Cloud replaced = cloud;
            cloud = services.clouds().open(choice.practice(), choice.region(), choice.profile());
            cloudChoice = choice;
            close(replaced);
        }
        return cloud;
    }

    private static void close(Cloud c) {
        if (c instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the cloud of an earlier choice failed", e);
            }
        }
    }

    /** Closes the cloud in use (the window closes). */
    public synchronized void closeCloud() {
        close(cloud);
        cloud = null;
        cloudChoice = null;
    }

    // ---- network and key

    public StringProperty cidrProperty() {
        return cidr;
    }

    public BooleanProperty cidrOpenConfirmedProperty() {
        return cidrOpenConfirmed;
    }

    public StringProperty instanceTypeProperty() {
        return instanceType;
    }

    /** A subnet id, or "" for the default VPC's. */
    public StringProperty subnetProperty() {
        return subnet;
    }

    public ObjectProperty<KeyChoice.Mode> keyModeProperty() {
        return keyMode;
    }

    public StringProperty keyNameProperty() {
        return keyName;
    }

    public StringProperty existingKeyFileProperty() {
        return existingKeyFile;
    }

    // ---- names, image, policy, Dockerfile

    /** The name of a resource of one of the {@link #NAMED} kinds. */
    public StringProperty nameProperty(ResourceKind kind) {
        return Objects.requireNonNull(names.get(kind), () -> kind + " is not named on the Names page");
    }

    public StringProperty imageProperty() {
        return image;
    }

    public StringProperty tagProperty() {
        return tag;
    }

    public StringProperty dockerfileProperty() {
        return dockerfile;
    }

    /** The permissions policy as edited; null while the user keeps the generated one. */
    public StringProperty editedPolicyProperty() {
        return editedPolicy;
    }

    // ---- what the run produced

    /** The lab's ledger, once one exists (created by Provision, or picked on Welcome). */
    public ReadOnlyObjectProperty<Ledger> ledgerProperty() {
        return ledger.getReadOnlyProperty();
    }

    public void ledger(Ledger value) {
        ledger.set(value);
    }

    public ReadOnlyObjectProperty<Provisioner.Provisioned> provisionedProperty() {
        return provisioned.getReadOnlyProperty();
    }

    public void provisioned(Provisioner.Provisioned value) {
        provisioned.set(value);
    }

    public ReadOnlyObjectProperty<BuildAndPush.Proof> proofProperty() {
        return proof.getReadOnlyProperty();
    }

    public void proof(BuildAndPush.Proof value) {
        proof.set(value);
    }

    // ---- to and from the engine

    public LabSpec spec() {
        Names n = Names.tutorial();
        for (Map.Entry<ResourceKind, StringProperty> e : names.entrySet()) {
            n = n.with(e.getKey(), e.getValue().get().trim());
        }
        n = n.with(ResourceKind.KEY_PAIR, keyName.get().trim());
        Path existing = existingKeyFile.get().isBlank() ? null : Path.of(existingKeyFile.get().trim());
        return LabSpec.builder()
                .region(region.get())
                .sshCidr(cidr.get().trim())
                .cidrOpenConfirmed(cidrOpenConfirmed.get())
                .instanceType(instanceType.get().trim())
                .subnet(subnet.get().isBlank() ? null : subnet.get().trim())
                .names(n)
                .key(new KeyChoice(keyMode.get(), n.keyPair(), keyMode.get() == KeyChoice.Mode.EXISTING ? existing : null))
                .image(image.get().trim())
                .tag(tag.get().trim())
                .dockerfile(dockerfile.get())
                .permissionsPolicy(editedPolicy.get())
                .build();
    }

    /**
     * Takes over a lab of an earlier run: its account and everything it was made with (names, key, Dockerfile,
     * image, policy), so that what the wizard does next works on that lab, not on the defaults.
     */
    public void resume(Ledger l) {
        Ledger.Context c = l.context();
        practice.set(c.practice());
        region.set(c.region());
        profile.set(c.profile());
        LabSpec s = l.spec();
        if (s != null) {
            cidr.set(s.sshCidr());
            cidrOpenConfirmed.set(s.cidrOpenConfirmed());
            instanceType.set(s.instanceType());
            subnet.set(s.subnet() == null ? "" : s.subnet());
            for (ResourceKind k : NAMED) {
                names.get(k).set(s.names().of(k));
            }
            keyMode.set(s.key().mode());
            keyName.set(s.key().name());
            existingKeyFile.set(s.key().privateKeyFile() == null ? "" : s.key().privateKeyFile().toString());
            image.set(s.image());
            tag.set(s.tag());
            dockerfile.set(s.dockerfile());
            editedPolicy.set(s.permissionsPolicy());
        }
        ledger.set(l);
    }
}
