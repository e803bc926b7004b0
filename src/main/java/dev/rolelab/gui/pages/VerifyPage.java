package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.run.BuildAndPush;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The role at work: the image in ECR, the temporary credentials (prefix and expiry only), the simulator's verdicts. */
public final class VerifyPage implements Page {

    public static final String TITLE = "Verify";

    private final WizardModel model;
    private final GridPane image = new GridPane();
    private final GridPane credentials = new GridPane();
    private final GridPane simulator = new GridPane();
    private final Label verdict = new Label();
    private final VBox view;

    public VerifyPage(WizardModel model) {
        this.model = model;
        verdict.setId("verdict");
        verdict.setWrapText(true);
        simulator.setId("simulator");
        image.setId("image");
        credentials.setId("credentials");
        for (GridPane g : new GridPane[] {image, credentials, simulator}) {
            g.setHgap(18);
            g.setVgap(6);
        }
        view = Forms.page(Forms.heading("The role at work"),
                Forms.lead("Nothing on the instance holds a long-term key. EC2 assumed the role for it and handed out credentials "
                        + "that expire; the policy allows pushing to this one repository and nothing else."),
                section("In ECR (DescribeImages)"), image,
                section("On the instance (IMDSv2, then STS)"), credentials,
                section("The IAM policy simulator, asked about the role"), simulator, verdict);
    }

    private static Label section(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("section-title");
        return l;
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
    public boolean canGoBack() {
        return false;
    }

    @Override
    public void onEnter() {
        BuildAndPush.Proof p = model.proofProperty().get();
        image.getChildren().clear();
        credentials.getChildren().clear();
        simulator.getChildren().clear();
        if (p == null) {
            return;
        }
        String repo = model.spec().names().repository();
        if (p.image() != null) {
            row(image, 0, "Image", repo + ":" + p.image().tag());
            row(image, 1, "Digest", p.image().digest());
            row(image, 2, "Size", String.format("%.1f MB", p.image().sizeBytes() / 1e6));
            row(image, 3, "Pushed", String.valueOf(p.image().pushedAt()));
        } else {
            row(image, 0, "Image", "not found in ECR");
        }
        row(credentials, 0, "Access key id", p.accessKeyId() + "  (temporary: ASIA…; the secret key and token never left the instance)");
        row(credentials, 1, "Expires", String.valueOf(p.expiration()));
        row(credentials, 2, "STS says the instance is", String.valueOf(p.assumedRoleArn()));
        int r = 0;
        Label h1 = new Label("Action");
        Label h2 = new Label("Resource");
        Label h3 = new Label("Decision");
        h1.getStyleClass().add("field-label");
        h2.getStyleClass().add("field-label");
        h3.getStyleClass().add("field-label");
        simulator.addRow(r++, h1, h2, h3);
        r = rows(simulator, r, p.onThisRepository(), repo);
        r = rows(simulator, r, p.onAnotherRepository(), "some-other-repository");
        rows(simulator, r, p.login(), "*");
        verdict.getStyleClass().removeAll("ok-box", "error-box");
        verdict.getStyleClass().add(p.pushAllowedOnlyHere() ? "ok-box" : "error-box");
        verdict.setText(p.pushAllowedOnlyHere() ? "Least privilege holds: the role may push to " + repo + " and to nothing else."
                : "The simulator's answers differ from a least-privilege policy: look at the policy attached to the role.");
    }

    private static void row(GridPane g, int r, String k, String v) {
        Label key = new Label(k);
        key.getStyleClass().add("field-label");
        Label value = new Label(v);
        value.setWrapText(true);
        g.addRow(r, key, value);
    }

    private static int rows(GridPane g, int r, Map<String, String> decisions, String resource) {
        for (Map.Entry<String, String> e : decisions.entrySet()) {
            Label d = new Label(e.getValue().equals("allowed") ? "✓ allowed" : "✗ " + (e.getValue().equals("explicitDeny") ? "denied (explicitly)" : "denied"));
            d.getStyleClass().add(e.getValue().equals("allowed") ? "decision-allowed" : "decision-denied");
            g.addRow(r++, new Label(e.getKey()), new Label(resource), d);
        }
        return r;
    }
}
