package dev.rolelab.gui.pages;

import dev.rolelab.gui.WizardModel;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.BuildAndPush;
import dev.rolelab.run.Provisioner;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The last page's content: each concept of the lesson, what it means, and what this run showed of it. */
public final class LearnedViewModel {

    /** One concept: its name, what it is, and what this run showed of it. */
    public record Concept(String name, String meaning, String shown) { }

    private final WizardModel model;
    private final ObservableList<Concept> concepts = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call holds the listeners added to it only weakly, so a garbage
     * collection took them, and with them the page's link to this list. */
    private final ObservableList<Concept> conceptsView = FXCollections.unmodifiableObservableList(concepts);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public LearnedViewModel(WizardModel model) {
        this.model = model;
    }

    public ObservableList<Concept> concepts() {
        return conceptsView;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Reads the run's results from the model (called when the page is entered). */
    public void refresh() {
        LabSpec spec = model.spec();
        Provisioner.Provisioned lab = model.provisionedProperty().get();
        BuildAndPush.Proof proof = model.proofProperty().get();
        Ledger ledger = model.ledgerProperty().get();
        String role = spec.names().role();
        String roleArn = lab != null && lab.roleArn() != null ? lab.roleArn()
                : ledger == null ? null : ledger.get(ResourceKind.ROLE).map(e -> e.id()).orElse(null);
        boolean removed = ledger != null && ledger.live().isEmpty();
        concepts.setAll(
                new Concept("Trusted entity",
                        "Who may take on the role. For an instance role it is the EC2 service, acting for the instance.",
                        "The role " + role + " trusted ec2.amazonaws.com and nobody else."),
                new Concept("Trust policy",
                        "The role's policy that names the trusted entity and lets it call sts:AssumeRole.",
                        "RoleLab created " + role + " with the trust policy shown on Review"
                                + (roleArn == null ? "." : " (" + roleArn + ").")),
                new Concept("Permissions policy",
                        "What the role may do once assumed: here, push to one repository, and log in to the registry.",
                        proof == null ? "The policy " + spec.names().policy() + " allowed pushing to " + spec.names().repository() + " only."
                                : "The policy simulator said: push to " + spec.names().repository() + " "
                                + (proof.pushAllowedOnlyHere() ? "allowed, push to any other repository denied." : "— see Verify: the answers were not least privilege.")),
                new Concept("Instance profile",
                        "The container that hands a role to an instance at launch (the console makes it silently; the API does not).",
                        "The instance" + (lab == null ? "" : " " + lab.instanceId()) + " was launched with the profile "
                                + spec.names().instanceProfile() + ", which holds the role " + role + "."),
                new Concept("Temporary credentials and their expiry",
                        "What programs on the instance get from the instance metadata service: keys that start with ASIA and expire.",
                        proof == null ? "This run did not get as far as reading them on the instance."
                                : "On the instance, key " + shown(proof.accessKeyId()) + " expiring " + shown(proof.expiration())
                                + "; STS said the caller was " + shown(proof.assumedRoleArn()) + "."));
        summary.set(removed ? "Everything the lab created has been removed." : ledger == null ? "Nothing was created."
                : "The lab still exists: `rolelab down --lab " + ledger.labId() + "` removes it.");
    }

    private static String shown(String value) {
        return value == null || value.isBlank() ? "(not read)" : value;
    }
}
