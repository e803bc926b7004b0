package dev.rolelab.gui.pages;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.Identity;
import dev.rolelab.cloud.Instance;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.Provisioner;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Welcome page without its nodes: your account or practice (practice until the AWS config files, read off the FX
 * thread, show credentials, and never over the user's own choice), and the labs earlier runs left open, each offered
 * for clean-up and, when it was ready, for resuming.
 */
public final class WelcomeViewModel {

    /** A lab an earlier run left open, as the page lists it. */
    public record OpenLab(Ledger ledger, String text, boolean resumable) {
        public String labId() {
            return ledger.labId();
        }
    }

    private final WizardModel model;
    private final TaskExecutor executor;
    private final ReadOnlyBooleanWrapper noCredentials = new ReadOnlyBooleanWrapper();
    private final ObservableList<OpenLab> openLabs = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call holds the listeners added to it only weakly, so a garbage
     * collection took them, and with them the page's link to this list. */
    private final ObservableList<OpenLab> openLabsView = FXCollections.unmodifiableObservableList(openLabs);
    private final ReadOnlyStringWrapper openLabsHeading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper resuming = new ReadOnlyBooleanWrapper();
    private boolean userChose;
    private boolean choosing;

    public WelcomeViewModel(WizardModel model) {
        this.model = model;
        this.executor = model.services().executor();
        model.practiceProperty().set(true);
        model.practiceProperty().addListener((o, a, b) -> {
            if (!choosing) {
                userChose = true;
            }
        });
    }

    /** True for practice, false for the user's account; bound to the two cards. */
    public BooleanProperty practiceProperty() {
        return model.practiceProperty();
    }

    /** The diagram's role line: the role this lab will make. */
    public javafx.beans.binding.StringExpression roleLine() {
        return javafx.beans.binding.Bindings.concat("role: ", model.nameProperty(ResourceKind.ROLE));
    }

    public javafx.beans.binding.StringExpression repositoryName() {
        return javafx.beans.binding.Bindings.concat(model.nameProperty(ResourceKind.REPOSITORY));
    }

    public javafx.beans.binding.StringExpression imageLine() {
        return javafx.beans.binding.Bindings.concat("receives ", model.imageProperty(), ":", model.tagProperty());
    }

    /** No AWS credentials on this computer: the page says why Practice is chosen. */
    public ReadOnlyBooleanProperty noCredentialsProperty() {
        return noCredentials.getReadOnlyProperty();
    }

    public ObservableList<OpenLab> openLabs() {
        return openLabsView;
    }

    /** Above the list: how many labs are open, or empty. */
    public ReadOnlyStringProperty openLabsHeadingProperty() {
        return openLabsHeading.getReadOnlyProperty();
    }

    /** A ledger that cannot be read, or a resume that failed, in one sentence; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resumingProperty() {
        return resuming.getReadOnlyProperty();
    }

    /** Reads the AWS config files (off the FX thread) to choose the account when it has credentials. Once, at start. */
    public void lookForCredentials() {
        executor.run(() -> model.services().credentialsConfigured().getAsBoolean(), has -> {
            if (!userChose && has) {
                choosing = true;
                model.practiceProperty().set(false); // chosen for the user, who has not chosen yet
                choosing = false;
            }
            noCredentials.set(!has);
        }, t -> noCredentials.set(true));
    }

    /** Reads the ledgers (file I/O and JSON: off the FX thread, after the first frame). */
    public void enter() {
        executor.run(() -> model.services().ledgers().survey(), this::show,
                t -> problem.set("Could not read the labs of earlier runs: " + Messages.of(t)));
    }

    private void show(dev.rolelab.lab.LedgerStore.Survey survey) {
        List<Ledger> open = survey.open();
        // the words first, the list last: a page that redraws when the list changes finds its heading already there
        openLabsHeading.set(open.isEmpty() ? ""
                : open.size() == 1 ? "A lab from an earlier run still has resources. Clean it up, or pick up where you left off:"
                : open.size() + " labs from earlier runs still have resources. Clean them up, or pick up where you left off:");
        problem.set(survey.unreadable().isEmpty() ? ""
                : survey.unreadable().size() == 1 ? "A lab's ledger cannot be read, so it is not listed: " + Messages.of(survey.unreadable().get(0))
                : survey.unreadable().size() + " labs' ledgers cannot be read, so they are not listed; the first: "
                        + Messages.of(survey.unreadable().get(0)));
        openLabs.setAll(open.stream().map(WelcomeViewModel::describe).toList());
    }

    static OpenLab describe(Ledger l) {
        long live = l.live().size();
        String text = l.labId() + " · " + l.context().region() + (l.context().practice() ? " · practice" : "")
                + " · " + live + " resource" + (live == 1 ? "" : "s") + " still there · " + l.status().name().toLowerCase();
        return new OpenLab(l, text, l.status() == Ledger.Status.READY && l.get(ResourceKind.INSTANCE).isPresent());
    }

    /** Clean up an earlier lab: the wizard takes it over (its account, region, names) and goes to Clean up. */
    public void cleanUp(OpenLab lab) {
        model.resume(lab.ledger());
    }

    /** A lab that was ready: take over what it was made with, look up its instance, then {@code onResumed} (Build and push). */
    public void resume(OpenLab lab, Runnable onResumed) {
        Ledger l = lab.ledger();
        model.resume(l);
        resuming.set(true);
        problem.set("");
        String instanceId = l.get(ResourceKind.INSTANCE).orElseThrow().id();
        WizardModel.CloudChoice choice = model.cloudChoice();
        executor.run(() -> {
            Cloud cloud = model.cloud(choice);
            return new Resumed(cloud.instance(instanceId), cloud.identity());
        }, r -> {
            resuming.set(false);
            model.identity(r.identity());
            String role = l.get(ResourceKind.ROLE).map(LedgerEntry::id).orElse(null);
            Path key = l.get(ResourceKind.LOCAL_KEY_FILE).map(e -> Path.of(e.name())).orElse(l.spec().key().privateKeyFile());
            model.provisioned(new Provisioner.Provisioned(l.account().orElse(model.account()), instanceId, r.instance().publicIp(),
                    key, null, role));
            onResumed.run();
        }, t -> {
            resuming.set(false);
            problem.set("Cannot resume " + l.labId() + ": " + Messages.of(t));
        });
    }

    private record Resumed(Instance instance, Identity identity) { }
}
