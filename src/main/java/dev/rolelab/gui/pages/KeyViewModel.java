package dev.rolelab.gui.pages;

import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.Problem;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.Preflight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
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
 * The Key pair page without its nodes: the choice, the name checked by AWS's rules and then against the
 * account (a name that is taken fails at ImportKeyPair, so it is caught here, with a free name offered), and
 * for an existing pair, its private key file.
 */
public final class KeyViewModel {

    private final WizardModel model;
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<Problem> nameMessage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Problem> fileMessage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper suggestion = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final BooleanProperty nameOk = new SimpleBooleanProperty();
    private final BooleanProperty fileOk = new SimpleBooleanProperty(true);
    private final BooleanBinding valid;
    private int generation;

    public KeyViewModel(WizardModel model) {
        this.model = model;
        this.executor = model.services().executor();
        valid = Bindings.createBooleanBinding(() -> nameOk.get() && fileOk.get() && !checking.get(), nameOk, fileOk, checking);
        model.keyModeProperty().addListener((o, a, b) -> validate());
        model.keyNameProperty().addListener((o, a, b) -> validate());
        model.existingKeyFileProperty().addListener((o, a, b) -> validate());
    }

    public ObjectProperty<KeyChoice.Mode> modeProperty() {
        return model.keyModeProperty();
    }

    public StringProperty nameProperty() {
        return model.keyNameProperty();
    }

    public StringProperty fileProperty() {
        return model.existingKeyFileProperty();
    }

    public ReadOnlyObjectProperty<Problem> nameMessageProperty() {
        return nameMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> fileMessageProperty() {
        return fileMessage.getReadOnlyProperty();
    }

    /** A free name to take instead of a taken one, or null. */
    public ReadOnlyStringProperty suggestionProperty() {
        return suggestion.getReadOnlyProperty();
    }

    /** The account is being asked about the name. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public ObservableBooleanValue valid() {
        return valid;
    }

    public boolean needsFile() {
        return model.keyModeProperty().get() == KeyChoice.Mode.EXISTING;
    }

    public String keysFolder() {
        return model.services().keysFolder().toString();
    }

    /** The rules, at once (as the user types); the account is asked by {@link #checkAccount()} a moment later. */
    public void validate() {
        generation++;
        String name = model.keyNameProperty().get() == null ? "" : model.keyNameProperty().get().trim();
        Optional<Problem> p = LabRules.keyPair(name);
        nameMessage.set(p.orElse(null));
        suggestion.set(null);
        nameOk.set(p.filter(Problem::isError).isEmpty());
        checking.set(nameOk.get()); // until the account has answered, Next waits
        if (needsFile()) {
            String f = model.existingKeyFileProperty().get() == null ? "" : model.existingKeyFileProperty().get().trim();
            boolean ok = !f.isEmpty() && Files.isReadable(Path.of(f));
            fileOk.set(ok);
            fileMessage.set(ok ? null : Problem.error("key-file", f.isEmpty() ? "Choose the private key file of this key pair."
                    : f + " does not exist or cannot be read: choose the file you saved when the key pair was made."));
        } else {
            fileOk.set(true);
            fileMessage.set(null);
        }
    }

    /** Asks the account whether the name is free (to create) or there (to use), off the FX thread. */
    public void checkAccount() {
        if (!nameOk.get()) {
            checking.set(false);
            return;
        }
        int mine = generation;
        String name = model.keyNameProperty().get().trim();
        boolean existing = needsFile();
        WizardModel.CloudChoice choice = model.cloudChoice();
        checking.set(true);
        executor.run(() -> existing ? (model.cloud(choice).exists(ResourceKind.KEY_PAIR, name) ? null : Boolean.FALSE)
                : new Preflight(model.cloud(choice), Runnable::run).clash(ResourceKind.KEY_PAIR, name), answer -> {
                    if (mine != generation) {
                        return;
                    }
                    checking.set(false);
                    if (answer instanceof Preflight.Clash clash) {
                        nameOk.set(false);
                        suggestion.set(clash.suggestion());
                        nameMessage.set(Problem.error("key-name", "A key pair named '" + name + "' already exists in "
                                + choice.region() + (clash.suggestion() == null ? "; choose another name." : "; '" + clash.suggestion() + "' is free.")));
                    } else if (Boolean.FALSE.equals(answer)) {
                        nameOk.set(false);
                        nameMessage.set(Problem.error("key-name", "There is no key pair named '" + name + "' in " + choice.region()
                                + ": check the name in the EC2 console (Key pairs), or let RoleLab make one."));
                    }
                }, t -> {
                    if (mine != generation) {
                        return;
                    }
                    checking.set(false);
                    nameMessage.set(Problem.warning("key-name", "Could not check the name: " + Messages.of(t)));
                });
    }

    /** Takes the free name offered. */
    public void useSuggestion() {
        if (suggestion.get() != null) {
            model.keyNameProperty().set(suggestion.get());
        }
    }
}
