package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.Fxml;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** After Clean up: what you did and learned, concept by concept, with what this run showed of each. */
public final class LearnedPage implements Page {

    public static final String TITLE = "What you learned";

    private final LearnedViewModel viewModel;
    private final Node view;
    @FXML
    private VBox concepts;
    @FXML
    private Label summary;

    public LearnedPage(WizardModel model) {
        viewModel = new LearnedViewModel(model);
        view = Fxml.load(this);
    }

    @FXML
    private void initialize() {
        summary.textProperty().bind(viewModel.summaryProperty());
        viewModel.concepts().addListener((ListChangeListener<LearnedViewModel.Concept>) c -> render());
    }

    private void render() {
        concepts.getChildren().clear();
        for (LearnedViewModel.Concept c : viewModel.concepts()) {
            Label name = new Label(c.name());
            name.getStyleClass().add("card-title");
            Label meaning = new Label(c.meaning());
            meaning.setWrapText(true);
            Label shown = new Label("This run: " + c.shown());
            shown.setWrapText(true);
            shown.getStyleClass().add("concept-shown");
            for (Label l : new Label[] {name, meaning, shown}) {
                l.setMnemonicParsing(false);
            }
            VBox card = new VBox(4, name, meaning, shown);
            card.getStyleClass().add("concept");
            concepts.getChildren().add(card);
        }
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
    public String nextLabel() {
        return "Finish";
    }

    @Override
    public void onEnter() {
        viewModel.refresh();
    }
}
