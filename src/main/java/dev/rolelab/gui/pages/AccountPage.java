package dev.rolelab.gui.pages;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Identity;
import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Whose account: the default credential chain or a profile (SSO included); which region; who you are there. */
public final class AccountPage implements Page {

    private static final String DEFAULT_CHAIN = "(default: environment, default profile, SSO, instance role)";

    private final WizardModel model;
    private final javafx.beans.binding.BooleanBinding valid;
    private final ComboBox<String> profile = new ComboBox<>();
    private final ComboBox<String> region = new ComboBox<>();
    private final Label who = new Label();
    private final ProgressIndicator checking = new ProgressIndicator();
    private final Forms.Field profileField;
    private final VBox awsOnly;
    private final VBox view;
    private Map<String, String> regionNames = Map.of();
    private Map<String, Boolean> profiles = Map.of();
    private int lookup;

    public AccountPage(WizardModel model) {
        this.model = model;
        this.valid = Bindings.isNotNull(model.identity);
        profile.setId("profile");
        region.setId("region");
        profile.setMaxWidth(420);
        region.setMaxWidth(420);
        region.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : regionNames.getOrDefault(id, id) + " — " + id;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        profileField = Forms.field("AWS profile", profile, "Profiles come from ~/.aws/config and ~/.aws/credentials.");
        awsOnly = new VBox(14, profileField.box());
        Forms.Field regionField = Forms.field("Region", region, "Where the instance, the repository and the security group will live.");
        checking.setPrefSize(18, 18);
        who.setWrapText(true);
        who.setId("identity");
        HBox identity = new HBox(10, checking, who);
        view = Forms.page(Forms.heading("Which AWS account?"),
                Forms.lead("RoleLab acts as you: it uses your AWS credentials to create the lab, and shows which identity that is."),
                awsOnly, regionField.box(), identity);
        profile.valueProperty().addListener((o, a, b) -> {
            model.profile.set(b == null || b.equals(DEFAULT_CHAIN) ? null : b);
            check();
        });
        region.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.region.set(b);
                check();
            }
        });
    }

    @Override
    public String title() {
        return "Account";
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
        awsOnly.setVisible(!model.practice.get());
        awsOnly.setManaged(!model.practice.get());
        if (regionNames.isEmpty()) {
            regionNames = model.services.regionNames().get();
        }
        region.getItems().setAll(model.practice.get() ? new ArrayList<>(model.cloud().knownRegions()) : new ArrayList<>(regionNames.keySet()));
        region.setValue(model.region.get());
        if (!model.practice.get()) {
            profiles = model.services.profiles().get();
            List<String> items = new ArrayList<>();
            items.add(DEFAULT_CHAIN);
            profiles.forEach((name, sso) -> items.add(name));
            profile.getItems().setAll(items);
            profile.setConverter(new StringConverter<>() {
                @Override
                public String toString(String p) {
                    return p == null ? "" : p + (Boolean.TRUE.equals(profiles.get(p)) ? "  (SSO)" : "");
                }

                @Override
                public String fromString(String s) {
                    return s;
                }
            });
            profile.setValue(model.profile.get() == null ? DEFAULT_CHAIN : model.profile.get());
        }
        check();
    }

    /** STS GetCallerIdentity in the background; the answer (or what to do) under the fields. */
    private void check() {
        int mine = ++lookup;
        model.identity.set(null);
        checking.setVisible(true);
        who.getStyleClass().removeAll("field-error");
        who.setText(model.practice.get() ? "Opening the simulated account…" : "Asking AWS who you are (STS GetCallerIdentity)…");
        model.services.executor().run(() -> model.cloud().identity(), (Identity id) -> {
            if (mine != lookup) {
                return;
            }
            checking.setVisible(false);
            model.identity.set(id);
            who.setText((model.practice.get() ? "Simulated account " : "Account ") + id.account() + " as " + id.arn());
        }, t -> {
            if (mine != lookup) {
                return;
            }
            checking.setVisible(false);
            who.getStyleClass().add("field-error");
            String text = t instanceof CloudException c ? c.getMessage() + ". What to do: " + c.hint() : String.valueOf(t.getMessage());
            if (model.profile.get() != null && Boolean.TRUE.equals(profiles.get(model.profile.get()))) {
                text += " (for this SSO profile: aws sso login --profile " + model.profile.get() + ")";
            }
            who.setText(text);
        });
    }
}
