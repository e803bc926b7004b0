package dev.rolelab.gui.pages;

import dev.rolelab.cloud.Identity;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.gui.util.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Account page without its nodes: the profiles and regions on offer (read off the FX thread: the AWS config
 * files and the SDK's region list), and who the credentials are (STS GetCallerIdentity) for the current choice.
 */
public final class AccountViewModel {

    /** The profile entry that means "no profile": the SDK's default credential chain. */
    public static final String DEFAULT_CHAIN = "(default: environment, default profile, SSO, instance role)";

    private final WizardModel model;
    private final TaskExecutor executor;
    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final ObservableList<String> regions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper who = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final BooleanBinding valid;
    private Map<String, String> regionNames = Map.of();
    private Map<String, Boolean> sso = Map.of();
    private int lookup;

    public AccountViewModel(WizardModel model) {
        this.model = model;
        this.executor = model.services().executor();
        valid = Bindings.isNotNull(model.identityProperty());
    }

    public ObservableList<String> profiles() {
        return profiles;
    }

    public ObservableList<String> regions() {
        return regions;
    }

    public ReadOnlyStringProperty whoProperty() {
        return who.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ObservableBooleanValue valid() {
        return valid;
    }

    public boolean practice() {
        return model.practice();
    }

    /** The page's lead sentence: whose credentials act, or, in practice, that none do. */
    public String lead() {
        return model.practice()
                ? "In practice mode RoleLab acts as a simulated identity in a simulated account: nothing is sent to AWS, and no "
                        + "credentials of yours are used. The identity below is the simulation's."
                : "RoleLab acts as you: it uses your AWS credentials to create the lab, and shows which identity that is.";
    }

    /** "Europe (Ireland) — eu-west-1". */
    public String regionLabel(String id) {
        return id == null ? "" : regionNames.getOrDefault(id, id) + " — " + id;
    }

    public String profileLabel(String p) {
        return p == null ? "" : p + (Boolean.TRUE.equals(sso.get(p)) ? "  (SSO)" : "");
    }

    /** The profile entry for the model's profile. */
    public String selectedProfile() {
        return model.profileProperty().get() == null ? DEFAULT_CHAIN : model.profileProperty().get();
    }

    public String selectedRegion() {
        return model.regionProperty().get();
    }

    private record Choices(Map<String, String> regionNames, List<String> regions, Map<String, Boolean> profiles) { }

    /** On entering the page: the lists, then who you are. */
    public void enter() {
        boolean practice = model.practice();
        WizardModel.CloudChoice choice = model.cloudChoice();
        checking.set(true);
        failed.set(false);
        who.set("Reading the regions" + (practice ? "…" : " and your AWS profiles…"));
        executor.run(() -> {
            Map<String, String> names = model.services().regionNames().get();
            List<String> list = practice ? new ArrayList<>(model.cloud(choice).knownRegions()) : new ArrayList<>(names.keySet());
            return new Choices(names, list, practice ? Map.of() : model.services().profiles().get());
        }, c -> {
            regionNames = c.regionNames();
            sso = c.profiles();
            regions.setAll(c.regions());
            List<String> items = new ArrayList<>();
            items.add(DEFAULT_CHAIN);
            items.addAll(c.profiles().keySet());
            profiles.setAll(items);
            check();
        }, t -> {
            checking.set(false);
            failed.set(true);
            who.set(Messages.of(t));
        });
    }

    public void chooseProfile(String entry) {
        String p = entry == null || entry.equals(DEFAULT_CHAIN) ? null : entry;
        if (!java.util.Objects.equals(p, model.profileProperty().get())) {
            model.profileProperty().set(p);
            check();
        }
    }

    public void chooseRegion(String region) {
        if (region != null && !region.equals(model.regionProperty().get())) {
            model.regionProperty().set(region);
            check();
        }
    }

    /** STS GetCallerIdentity for the current choice, off the FX thread; a newer choice's answer wins. */
    public void check() {
        int mine = ++lookup;
        model.identity(null);
        checking.set(true);
        failed.set(false);
        boolean practice = model.practice();
        who.set(practice ? "Opening the simulated account…" : "Asking AWS who you are (STS GetCallerIdentity)…");
        WizardModel.CloudChoice choice = model.cloudChoice();
        executor.run(() -> model.cloud(choice).identity(), (Identity id) -> {
            if (mine != lookup) {
                return;
            }
            checking.set(false);
            model.identity(id);
            who.set((practice ? "Simulated account " : "Account ") + id.account() + " as " + id.arn());
        }, t -> {
            if (mine != lookup) {
                return;
            }
            checking.set(false);
            failed.set(true);
            String text = Messages.of(t);
            if (choice.profile() != null && Boolean.TRUE.equals(sso.get(choice.profile()))) {
                text += " (for this SSO profile: aws sso login --profile " + choice.profile() + ")";
            }
            who.set(text);
        });
    }
}
