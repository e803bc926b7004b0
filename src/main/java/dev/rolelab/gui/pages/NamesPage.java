package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Fxml;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The names of what RoleLab creates, each checked as you type and against the account. Binds {@link NamesViewModel}. */
public final class NamesPage implements Page {

    public static final String TITLE = "Names";

    private final NamesViewModel viewModel;
    private final Node view;
    @FXML
    private GridPane grid;
    @FXML
    private Button useAll;

    public NamesPage(WizardModel model) {
        viewModel = new NamesViewModel(model);
        view = Fxml.load(this);
    }

    @FXML
    private void initialize() {
        List<NamesViewModel.Name> names = viewModel.names();
        for (int i = 0; i < names.size(); i++) {
            grid.add(field(names.get(i)), i % 2, i / 2);
        }
        useAll.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> viewModel.severalSuggestions().get(),
                viewModel.severalSuggestions()));
        useAll.managedProperty().bind(useAll.visibleProperty());
    }

    /** A name's field: label, input, its message, and the free name offered (in one slot, so nothing jumps). */
    private Node field(NamesViewModel.Name name) {
        Label label = new Label(name.label());
        label.getStyleClass().add("field-label");
        TextField input = new TextField();
        input.setId("name-" + name.id());
        input.setMaxWidth(420);
        label.setLabelFor(input);
        input.textProperty().bindBidirectional(name.valueProperty());
        Label message = new Label();
        Forms.bindMessage(message, name.messageProperty());
        Hyperlink use = new Hyperlink();
        use.setMnemonicParsing(false); // a name with an underscore keeps it
        use.setVisible(false);
        name.suggestionProperty().addListener((o, a, b) -> {
            use.setText(b == null ? "" : "Use " + b + " (free)");
            use.setVisible(b != null);
        });
        use.setOnAction(e -> name.useSuggestion());
        PauseTransition ask = new PauseTransition(Duration.millis(350));
        ask.setOnFinished(e -> name.checkAccount());
        name.valueProperty().addListener((o, a, b) -> ask.playFromStart());
        // the message and the offer share one line that is always there: the grid does not move as answers come in
        // (two lines high, in em so it scales with the font: a message and its offer, or a rule's message of two lines)
        VBox answer = new VBox(0, message, use);
        answer.getStyleClass().add("name-answer");
        use.managedProperty().bind(use.visibleProperty());
        use.setPadding(javafx.geometry.Insets.EMPTY);
        return new VBox(4, label, input, answer);
    }

    @FXML
    private void useAll() {
        viewModel.useAllSuggestions();
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
        return viewModel.valid();
    }

    @Override
    public void onEnter() {
        viewModel.enter();
        viewModel.checkAll();
    }
}
