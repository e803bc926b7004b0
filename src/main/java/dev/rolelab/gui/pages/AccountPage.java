package dev.rolelab.gui.pages;

import dev.rolelab.cloud.Identity;
import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Messages;
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

    public static final String TITLE = "Account";

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
        this.valid = Bindings.isNotNull(model.identityProperty());
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
            model.profileProperty().set(b == null || b.equals(DEFAULT_CHAIN) ? null : b);
            check();
        });
        region.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.regionProperty().set(b);
                check();
            }
        });
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

    /** What the lists offer: read off the FX thread (the AWS config files, the SDK's region metadata). */
    private record Choices(Map<String, String> regionNames, List<String> regions, Map<String, Boolean> profiles) { }

    @Override
    public void onEnter() {
        boolean practice = model.practice();
        awsOnly.setVisible(!practice);
        awsOnly.setManaged(!practice);
        WizardModel.CloudChoice choice = model.cloudChoice();
        who.setText("Reading the regions" + (practice ? "…" : " and your AWS profiles…"));
        checking.setVisible(true);
        model.services().executor().run(() -> {
            Map<String, String> names = model.services().regionNames().get();
            List<String> regions = practice ? new ArrayList<>(model.cloud(choice).knownRegions()) : new ArrayList<>(names.keySet());
            return new Choices(names, regions, practice ? Map.of() : model.services().profiles().get());
        }, this::show, t -> {
            checking.setVisible(false);
            who.setText(Messages.of(t));
        });
    }

    private void show(Choices c) {
        regionNames = c.regionNames();
        region.getItems().setAll(c.regions());
        region.setValue(model.regionProperty().get());
        if (!model.practice()) {
            profiles = c.profiles();
            List<String> items = new ArrayList<>();
            items.add(DEFAULT_CHAIN);
            items.addAll(profiles.keySet());
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
            profile.setValue(model.profileProperty().get() == null ? DEFAULT_CHAIN : model.profileProperty().get());
        }
        check();
    }

    /** STS GetCallerIdentity in the background; the answer (or what to do) under the fields. */
    private void check() {
        int mine = ++lookup;
        model.identity(null);
        checking.setVisible(true);
        who.getStyleClass().removeAll("field-error");
        who.setText(model.practice() ? "Opening the simulated account…" : "Asking AWS who you are (STS GetCallerIdentity)…");
        WizardModel.CloudChoice choice = model.cloudChoice();
        model.services().executor().run(() -> model.cloud(choice).identity(), (Identity id) -> {
            if (mine != lookup) {
                return;
            }
            checking.setVisible(false);
            model.identity(id);
            who.setText((model.practice() ? "Simulated account " : "Account ") + id.account() + " as " + id.arn());
        }, t -> {
            if (mine != lookup) {
                return;
            }
            checking.setVisible(false);
            who.getStyleClass().add("field-error");
            String text = Messages.of(t);
            if (model.profileProperty().get() != null && Boolean.TRUE.equals(profiles.get(model.profileProperty().get()))) {
                text += " (for this SSO profile: aws sso login --profile " + model.profileProperty().get() + ")";
            }
            who.setText(text);
        });
    }
}
