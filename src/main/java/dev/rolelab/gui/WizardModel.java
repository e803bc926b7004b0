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
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Everything the user chose and everything the run produced, as properties the pages bind to.
 * No nodes here: pages read and write it; {@link #spec()} turns it into the engine's {@link LabSpec}.
 */
public final class WizardModel {

    public final Services services;

    public final BooleanProperty practice = new SimpleBooleanProperty(true);
    public final StringProperty profile = new SimpleStringProperty();
    public final StringProperty region = new SimpleStringProperty(LabSpec.DEFAULT_REGION);
    public final ObjectProperty<Identity> identity = new SimpleObjectProperty<>();

    public final StringProperty cidr = new SimpleStringProperty("");
    public final BooleanProperty cidrOpenConfirmed = new SimpleBooleanProperty();
    public final StringProperty instanceType = new SimpleStringProperty(LabSpec.DEFAULT_INSTANCE_TYPE);
    public final StringProperty subnet = new SimpleStringProperty("");

    public final ObjectProperty<KeyChoice.Mode> keyMode = new SimpleObjectProperty<>(KeyChoice.Mode.GENERATE);
    public final StringProperty keyName = new SimpleStringProperty(Names.tutorial().keyPair());
    public final StringProperty existingKeyFile = new SimpleStringProperty("");

    public final Map<ResourceKind, StringProperty> names = new EnumMap<>(ResourceKind.class);
    public final StringProperty image = new SimpleStringProperty(LabSpec.DEFAULT_IMAGE);
    public final StringProperty tag = new SimpleStringProperty(LabSpec.DEFAULT_TAG);
    public final StringProperty dockerfile = new SimpleStringProperty(LabSpec.TUTORIAL_DOCKERFILE);
    /** The permissions policy as edited; null while the user keeps the generated one. */
    public final StringProperty editedPolicy = new SimpleStringProperty();

    public final ObjectProperty<Ledger> ledger = new SimpleObjectProperty<>();
    public final ObjectProperty<Provisioner.Provisioned> provisioned = new SimpleObjectProperty<>();
    public final ObjectProperty<BuildAndPush.Proof> proof = new SimpleObjectProperty<>();

    private Cloud cloud;
    private String cloudKey;

    public WizardModel(Services services) {
        this.services = services;
        Names n = Names.tutorial();
        for (ResourceKind k : new ResourceKind[] {ResourceKind.REPOSITORY, ResourceKind.POLICY, ResourceKind.ROLE,
                ResourceKind.INSTANCE_PROFILE, ResourceKind.SECURITY_GROUP, ResourceKind.INSTANCE}) {
            names.put(k, new SimpleStringProperty(n.of(k)));
        }
        practice.addListener((o, a, b) -> identity.set(null));
        profile.addListener((o, a, b) -> identity.set(null));
        region.addListener((o, a, b) -> identity.set(null));
    }

    /** The cloud for the current choice of practice, region and profile (made on first use, then reused). */
    public synchronized Cloud cloud() {
        String key = practice.get() + "|" + region.get() + "|" + profile.get();
        if (cloud == null || !key.equals(cloudKey)) {
            cloud = services.clouds().open(practice.get(), region.get(), profile.get());
            cloudKey = key;
        }
        return cloud;
    }

    public String account() {
        Identity id = identity.get();
        return id == null ? "ACCOUNT" : id.account();
    }

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
}
