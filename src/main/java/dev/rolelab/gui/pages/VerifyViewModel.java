package dev.rolelab.gui.pages;

import dev.rolelab.gui.WizardModel;
import dev.rolelab.run.BuildAndPush;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Verify page without its nodes: the image in ECR, the role's temporary credentials, the simulator's verdicts. */
public final class VerifyViewModel {

    /** A labelled value. */
    public record Fact(String label, String value) { }

    /** One answer of the policy simulator. */
    public record Decision(String action, String resource, boolean allowed, String words) { }

    private final WizardModel model;
    private final ObservableList<Fact> image = FXCollections.observableArrayList();
    private final ObservableList<Fact> credentials = FXCollections.observableArrayList();
    private final ObservableList<Decision> decisions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper leastPrivilege = new ReadOnlyBooleanWrapper();

    public VerifyViewModel(WizardModel model) {
        this.model = model;
    }

    public ObservableList<Fact> image() {
        return image;
    }

    public ObservableList<Fact> credentials() {
        return credentials;
    }

    public ObservableList<Decision> decisions() {
        return decisions;
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty leastPrivilegeProperty() {
        return leastPrivilege.getReadOnlyProperty();
    }

    public void refresh() {
        BuildAndPush.Proof p = model.proofProperty().get();
        if (p == null) {
            image.clear();
            credentials.clear();
            decisions.clear();
            verdict.set("");
            return;
        }
        String repo = model.spec().names().repository();
        if (p.image() != null) {
            image.setAll(new Fact("Image", repo + ":" + p.image().tag()), new Fact("Digest", p.image().digest()),
                    new Fact("Size", String.format("%.1f MB", p.image().sizeBytes() / 1e6)), new Fact("Pushed", String.valueOf(p.image().pushedAt())));
        } else {
            image.setAll(new Fact("Image", "not found in ECR"));
        }
        credentials.setAll(
                new Fact("Access key id", p.accessKeyId() == null ? "(not read: the credentials step did not run in this session)"
                        : p.accessKeyId() + "  (temporary: ASIA…; the secret key and token never left the instance)"),
                new Fact("Expires", p.expiration() == null ? "(not read)" : p.expiration()),
                new Fact("STS says the instance is", p.assumedRoleArn() == null ? "(not read)" : p.assumedRoleArn()));
        List<Decision> d = new ArrayList<>();
        add(d, p.onThisRepository(), repo);
        add(d, p.onAnotherRepository(), "some-other-repository");
        add(d, p.login(), "*");
        decisions.setAll(d);
        leastPrivilege.set(p.pushAllowedOnlyHere());
        verdict.set(p.pushAllowedOnlyHere() ? "Least privilege holds: the role may push to " + repo + " and to nothing else."
                : "The simulator's answers differ from a least-privilege policy: look at the policy attached to the role.");
    }

    private static void add(List<Decision> out, Map<String, String> decisions, String resource) {
        decisions.forEach((action, decision) -> out.add(new Decision(action, resource, decision.equals("allowed"),
                decision.equals("allowed") ? "✓ allowed" : "✗ " + (decision.equals("explicitDeny") ? "denied (explicitly)" : "denied"))));
    }
}
