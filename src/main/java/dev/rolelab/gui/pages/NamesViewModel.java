package dev.rolelab.gui.pages;

import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Messages;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.Problem;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.Preflight;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
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
 * The Names page without its nodes: each name checked by AWS's rules as you type and, a moment later, against
 * the account (a taken name must change; a free one is offered, and one action takes all the free names).
 */
public final class NamesViewModel {

    /** One name on the page. */
    public final class Name {
        private final String label;
        private final String id;
        private final StringProperty value;
        private final Function<String, Optional<Problem>> rule;
        private final ResourceKind kind;
        private final ReadOnlyObjectWrapper<Problem> message = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyStringWrapper suggestion = new ReadOnlyStringWrapper();
        private final BooleanProperty broken = new SimpleBooleanProperty();
        private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
        private int generation;

        Name(String label, String id, StringProperty value, Function<String, Optional<Problem>> rule, ResourceKind kind) {
            this.label = label;
            this.id = id;
            this.value = value;
            this.rule = rule;
            this.kind = kind;
            value.addListener((o, a, b) -> validate());
        }

        public String label() {
            return label;
        }

        /** The field's id in the view ("name-" + this). */
        public String id() {
            return id;
        }

        public StringProperty valueProperty() {
            return value;
        }

        public ReadOnlyObjectProperty<Problem> messageProperty() {
            return message.getReadOnlyProperty();
        }

        /** A free name to take instead of a taken one, or null. */
        public ReadOnlyStringProperty suggestionProperty() {
            return suggestion.getReadOnlyProperty();
        }

        /** Whether the account is asked about it (names of things that exist in the account only). */
        public boolean checkedInAccount() {
            return kind != null;
        }

        public ReadOnlyBooleanProperty checkingProperty() {
            return checking.getReadOnlyProperty();
        }

        private String trimmed() {
            return value.get() == null ? "" : value.get().trim();
        }

        /** The rules, at once. */
        public void validate() {
            generation++;
            Optional<Problem> p = rule.apply(trimmed());
            message.set(p.orElse(null));
            suggestion.set(null);
            boolean bad = p.filter(Problem::isError).isPresent();
            broken.set(bad);
            checking.set(!bad && kind != null);
        }

        /** The account, off the FX thread; the answer counts only if the name has not changed meanwhile. */
        public void checkAccount() {
            if (kind == null || broken.get()) {
                checking.set(false);
                return;
            }
            int mine = generation;
            String name = trimmed();
            WizardModel.CloudChoice choice = model.cloudChoice();
            checking.set(true);
            executor.run(() -> new Preflight(model.cloud(choice), Runnable::run).clash(kind, name), clash -> {
                if (mine != generation) {
                    return;
                }
                checking.set(false);
                if (clash != null) {
                    broken.set(true);
                    suggestion.set(clash.suggestion());
                    // short enough for one line of the narrowest column: the free name is the offer's own line below it
                    message.set(Problem.error(id, "'" + name + "' already exists in this account" + (clash.suggestion() == null ? "; choose another name." : ".")));
                }
            }, t -> {
                if (mine != generation) {
                    return;
                }
                checking.set(false);
                message.set(Problem.warning(id, "Could not check the name: " + Messages.of(t)));
            });
        }

        public void useSuggestion() {
            if (suggestion.get() != null) {
                value.set(suggestion.get());
            }
        }
    }

    private final WizardModel model;
    private final TaskExecutor executor;
    private final List<Name> names = new ArrayList<>();
    private final BooleanBinding valid;
    private final BooleanBinding anySuggestion;

    public NamesViewModel(WizardModel model) {
        this.model = model;
        this.executor = model.services().executor();
        add("ECR repository", "repository", ResourceKind.REPOSITORY, LabRules::repository);
        add("IAM permissions policy", "policy", ResourceKind.POLICY, n -> LabRules.iamName("policy", n, 128));
        add("IAM role", "role", ResourceKind.ROLE, n -> LabRules.iamName("role", n, 64));
        add("Instance profile", "instance-profile", ResourceKind.INSTANCE_PROFILE, n -> LabRules.iamName("instance-profile", n, 128));
        add("Security group", "security-group", ResourceKind.SECURITY_GROUP, LabRules::securityGroup);
        names.add(new Name("Instance name", "instance-name", model.nameProperty(ResourceKind.INSTANCE), LabRules::instanceName, null));
        names.add(new Name("Image name", "image", model.imageProperty(), LabRules::image, null));
        names.add(new Name("Image tag", "tag", model.tagProperty(), LabRules::tag, null));
        List<javafx.beans.Observable> deps = new ArrayList<>();
        for (Name n : names) {
            deps.add(n.broken);
            deps.add(n.checking);
            deps.add(n.suggestion);
        }
        javafx.beans.Observable[] on = deps.toArray(javafx.beans.Observable[]::new);
        valid = Bindings.createBooleanBinding(() -> names.stream().noneMatch(n -> n.broken.get() || n.checking.get()), on);
        anySuggestion = Bindings.createBooleanBinding(() -> names.stream().filter(n -> n.suggestion.get() != null).count() > 1, on);
    }

    private void add(String label, String id, ResourceKind kind, Function<String, Optional<Problem>> rule) {
        names.add(new Name(label, id, model.nameProperty(kind), rule, kind));
    }

    public List<Name> names() {
        return List.copyOf(names);
    }

    public ObservableBooleanValue valid() {
        return valid;
    }

    /** More than one name is taken and has a free one offered: the page offers to take them all at once. */
    public ObservableBooleanValue severalSuggestions() {
        return anySuggestion;
    }

    /** Takes every free name offered (each is then checked again). */
    public void useAllSuggestions() {
        for (Name n : names) {
            n.useSuggestion();
        }
    }

    /** On entering the page: every name against the rules; the view then asks the account. */
    public void enter() {
        names.forEach(Name::validate);
    }

    /** Every name against the account at once (tests, and the view's first look). */
    public void checkAll() {
        names.forEach(Name::checkAccount);
    }
}
