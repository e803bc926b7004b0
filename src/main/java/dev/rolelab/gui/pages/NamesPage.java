package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.Problem;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.Preflight;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;

/**
 * The names of what RoleLab creates: the tutorial's by default, each checked by AWS's rules as you
 * type and, a moment later, against what already exists in the account (with a free name offered).
 */
public final class NamesPage implements Page {

    public static final String TITLE = "Names";

    private record Row(String label, String field, StringProperty value, Function<String, Optional<Problem>> rule, ResourceKind kind,
                       TextField input, Forms.Field box, Hyperlink use, PauseTransition debounce) { }

    private final WizardModel model;
    private final javafx.beans.binding.BooleanBinding valid;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Boolean> bad = new java.util.HashMap<>();
    private final IntegerProperty problems = new SimpleIntegerProperty();
    private final IntegerProperty pending = new SimpleIntegerProperty();
    private final Map<ResourceKind, Integer> generation = new EnumMap<>(ResourceKind.class);
    private final Node view;

    public NamesPage(WizardModel model) {
        this.model = model;
        add("ECR repository", "repository", model.nameProperty(ResourceKind.REPOSITORY), LabRules::repository, ResourceKind.REPOSITORY);
        add("IAM permissions policy", "policy", model.nameProperty(ResourceKind.POLICY), n -> LabRules.iamName("policy", n, 128), ResourceKind.POLICY);
        add("IAM role", "role", model.nameProperty(ResourceKind.ROLE), n -> LabRules.iamName("role", n, 64), ResourceKind.ROLE);
        add("Instance profile", "instance-profile", model.nameProperty(ResourceKind.INSTANCE_PROFILE),
                n -> LabRules.iamName("instance-profile", n, 128), ResourceKind.INSTANCE_PROFILE);
        add("Security group", "security-group", model.nameProperty(ResourceKind.SECURITY_GROUP), LabRules::securityGroup, ResourceKind.SECURITY_GROUP);
        add("Instance name", "instance-name", model.nameProperty(ResourceKind.INSTANCE), LabRules::instanceName, null);
        add("Image name", "image", model.imageProperty(), LabRules::image, null);
        add("Image tag", "tag", model.tagProperty(), LabRules::tag, null);
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(10);
        for (int i = 0; i < rows.size(); i++) {
            grid.add(rows.get(i).box().box(), i % 2, i / 2);
        }
        valid = Bindings.createBooleanBinding(() -> problems.get() == 0 && pending.get() == 0, problems, pending);
        view = Forms.page(Forms.heading("Names"),
                Forms.lead("These are the tutorial's names. RoleLab never takes over or deletes something it did not create, "
                        + "so a name that is already taken in this account must change; a free one is offered."), grid);
    }

    private void add(String label, String field, StringProperty value, Function<String, Optional<Problem>> rule, ResourceKind kind) {
        TextField input = new TextField();
        input.setId("name-" + field);
        input.setPrefWidth(330);
        input.setMaxWidth(420);
        Forms.Field box = Forms.field(label, input, null);
        Hyperlink use = new Hyperlink();
        use.setVisible(false);
        use.setManaged(false);
        box.box().getChildren().add(use);
        PauseTransition debounce = new PauseTransition(Duration.millis(350));
        Row row = new Row(label, field, value, rule, kind, input, box, use, debounce);
        rows.add(row);
        input.textProperty().addListener((o, a, b) -> {
            value.set(b.trim());
            check(row);
        });
        debounce.setOnFinished(e -> checkClash(row));
        use.setOnAction(e -> input.setText(use.getUserData().toString()));
    }

    private void check(Row row) {
        Optional<Problem> p = row.rule().apply(row.value().get());
        row.use().setVisible(false);
        row.use().setManaged(false);
        row.box().show(p.map(List::of).orElse(List.of()));
        boolean broken = p.isPresent() && p.get().isError();
        mark(row.field(), broken);
        if (!broken && row.kind() != null) {
            generation.merge(row.kind(), 1, Integer::sum);
            pending.set(pending.get() + (row.debounce().getStatus() == javafx.animation.Animation.Status.RUNNING ? 0 : 1));
            row.debounce().playFromStart();
        }
    }

    private void checkClash(Row row) {
        int mine = generation.get(row.kind());
        String name = row.value().get();
        if (row.rule().apply(name).filter(Problem::isError).isPresent()) {
            pending.set(Math.max(0, pending.get() - 1)); // the rule already speaks for this value
            return;
        }
        WizardModel.CloudChoice choice = model.cloudChoice();
        model.services().executor().run(() -> new Preflight(model.cloud(choice), Runnable::run).clash(row.kind(), name), clash -> {
            pending.set(Math.max(0, pending.get() - 1));
            if (generation.get(row.kind()) != mine) {
                return;
            }
            if (clash != null) {
                row.box().showText("'" + name + "' already exists in this account" + (clash.suggestion() == null ? "" : "; '" + clash.suggestion() + "' is free"), true);
                if (clash.suggestion() != null) {
                    row.use().setText("Use " + clash.suggestion());
                    row.use().setUserData(clash.suggestion());
                    row.use().setVisible(true);
                    row.use().setManaged(true);
                }
            }
            mark(row.field(), clash != null);
        }, t -> {
            pending.set(Math.max(0, pending.get() - 1));
            row.box().showText("Could not check the name: " + t.getMessage(), false);
        });
    }

    private void mark(String field, boolean broken) {
        bad.put(field, broken);
        problems.set((int) bad.values().stream().filter(b -> b).count());
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

    @Override
    public void onEnter() {
        for (Row r : rows) {
            r.input().setText(r.value().get());
            check(r);
        }
    }
}
