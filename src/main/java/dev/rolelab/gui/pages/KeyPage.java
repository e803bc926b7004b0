package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.Problem;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The SSH key: generated here (the private half never leaves this computer), created by AWS, or yours. */
public final class KeyPage implements Page {

    public static final String TITLE = "Key pair";

    private final WizardModel model;
    private final RadioButton generate = new RadioButton("Generate an ed25519 key on this computer (recommended)");
    private final RadioButton aws = new RadioButton("Let AWS create the key pair and download its private key");
    private final RadioButton existing = new RadioButton("Use a key pair I already have in this region");
    private final TextField name = new TextField();
    private final TextField file = new TextField();
    private final Forms.Field nameField;
    private final Forms.Field fileField;
    private final VBox fileBox;
    private final BooleanProperty ok = new SimpleBooleanProperty(true);
    private final VBox view;

    public KeyPage(WizardModel model) {
        this.model = model;
        ToggleGroup g = new ToggleGroup();
        generate.setToggleGroup(g);
        aws.setToggleGroup(g);
        existing.setToggleGroup(g);
        generate.setId("key-generate");
        aws.setId("key-aws");
        existing.setId("key-existing");
        name.setId("key-name");
        file.setId("key-file");
        name.setMaxWidth(360);
        nameField = Forms.field("Key pair name", name, null);
        Button browse = new Button("Choose…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Private key of the key pair");
            File f = fc.showOpenDialog(browse.getScene().getWindow());
            if (f != null) {
                file.setText(f.getAbsolutePath());
            }
        });
        HBox fileRow = new HBox(8, file, browse);
        fileField = Forms.field("Private key file", fileRow, "RoleLab reads it only to log in; it is never copied or sent.");
        fileBox = fileField.box();
        view = Forms.page(Forms.heading("SSH key pair"),
                Forms.lead("You log in to the instance with a key pair. AWS keeps the public half; the private half stays with you."),
                new VBox(8, generate, Forms.note("The private key is written to " + model.services().keysFolder()
                        + " readable only by you (0600); only the public half is imported into AWS."), aws, existing),
                nameField.box(), fileBox);
        g.selectedToggleProperty().addListener((o, a, b) -> {
            model.keyModeProperty().set(b == existing ? KeyChoice.Mode.EXISTING : b == aws ? KeyChoice.Mode.AWS : KeyChoice.Mode.GENERATE);
            validate();
        });
        name.textProperty().addListener((o, a, b) -> {
            model.keyNameProperty().set(b);
            validate();
        });
        file.textProperty().addListener((o, a, b) -> {
            model.existingKeyFileProperty().set(b);
            validate();
        });
    }

    private void validate() {
        boolean isExisting = model.keyModeProperty().get() == KeyChoice.Mode.EXISTING;
        fileBox.setVisible(isExisting);
        fileBox.setManaged(isExisting);
        Optional<Problem> p = LabRules.keyPair(name.getText().trim());
        nameField.show(p.map(List::of).orElse(List.of()));
        boolean fileOk = true;
        if (isExisting) {
            String f = file.getText().trim();
            fileOk = !f.isEmpty() && Files.isReadable(Path.of(f));
            fileField.showText(fileOk ? null : f.isEmpty() ? "Choose the private key file of this key pair." : f + " does not exist or cannot be read.", true);
        }
        ok.set(p.isEmpty() && fileOk);
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
        return ok;
    }

    @Override
    public void onEnter() {
        switch (model.keyModeProperty().get()) {
            case AWS -> aws.setSelected(true);
            case EXISTING -> existing.setSelected(true);
            default -> generate.setSelected(true);
        }
        name.setText(model.keyNameProperty().get());
        file.setText(model.existingKeyFileProperty().get());
        validate();
    }
}
