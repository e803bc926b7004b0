package dev.rolelab.gui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Settings;
import dev.rolelab.practice.PracticeCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The wizard's frame: the step list, the practice banner, the current page, and Back / Next.
 * Next is disabled until the page is valid; Enter is Next; Esc asks before leaving.
 */
public final class WizardWindow {

    public static final String[] STEP_NAMES = {"Welcome", "Account", "Network", "Key pair", "Names", "Review",
            "Provision", "Build & push", "Verify", "Clean up"};

    private final Stage stage;
    private final WizardModel model;
    private final List<java.util.function.Supplier<Page>> makers = new ArrayList<>();
    private final Page[] pages = new Page[STEP_NAMES.length];
    private final IntegerProperty current = new SimpleIntegerProperty(-1);
    private final StackPane content = new StackPane();
    /** Wraps onto a second line when the window is narrow (or the scale large), never cutting a step's name. */
    private final FlowPane stepBar = new FlowPane(4, 4);
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private final Settings settings;
    private final Scene scene;

    public WizardWindow(Stage stage, Services services) {
        this(stage, services, Settings.load(services.data().resolve("settings.properties")));
    }

    /** With the settings already read (the app reads them first to set the theme before any control exists). */
    public WizardWindow(Stage stage, Services services, Settings settings) {
        this.stage = stage;
        this.model = new WizardModel(services);
        this.settings = settings;
        makers.addAll(Pages.all(model, this));

        Label title = new Label("RoleLab");
        title.getStyleClass().add("app-title");
        Label subtitle = new Label("EC2 instance roles, step by step");
        subtitle.getStyleClass().add("app-subtitle");
        HBox brand = new HBox(10, Forms.icon("mdi2s-shield-key-outline"), new VBox(title, subtitle));
        brand.setAlignment(Pos.CENTER_LEFT);
        stepBar.getStyleClass().add("step-bar");
        stepBar.setAlignment(Pos.CENTER_LEFT);
        stepBar.setPrefWrapLength(600);

        Label banner = new Label("PRACTICE MODE — " + PracticeCloud.SIMULATION.replace("Practice mode: ", ""));
        banner.getStyleClass().add("practice-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.visibleProperty().bind(model.practice.and(current.greaterThan(0)));
        banner.managedProperty().bind(banner.visibleProperty());

        VBox top = new VBox(10, brand, stepBar, banner);
        top.getStyleClass().add("top");

        ToggleButton theme = new ToggleButton("Dark");
        theme.setId("theme");
        theme.setGraphic(Forms.icon("mdi2t-theme-light-dark"));
        theme.setAccessibleText("Dark theme");
        Forms.tooltip(theme, "Switch between the light and the dark theme");
        theme.setSelected(settings.dark);
        theme.selectedProperty().addListener((o, a, dark) -> applyTheme(dark));
        applyTheme(settings.dark);

        back.setId("back");
        next.setId("next");
        back.setOnAction(e -> go(current.get() - 1));
        next.setOnAction(e -> onNext());
        next.setDefaultButton(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(10, theme, spacer, back, next);
        footer.getStyleClass().add("footer");
        footer.setAlignment(Pos.CENTER_RIGHT);

        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        content.setPadding(new Insets(8, 28, 20, 28));
        content.setAlignment(Pos.TOP_LEFT);

        BorderPane root = new BorderPane(scroll, top, null, footer, null);
        root.getStyleClass().add("wizard");
        scene = new Scene(root, settings.width, settings.height);
        scene.getStylesheets().add(WizardWindow.class.getResource("rolelab.css").toExternalForm());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                requestClose();
            }
        });
        stage.setScene(scene);
        stage.setTitle("RoleLab");
        stage.setMinWidth(860);
        stage.setMinHeight(600);
        if (!Double.isNaN(settings.x)) {
            stage.setX(settings.x);
            stage.setY(settings.y);
        }
        stage.setMaximized(settings.maximized);
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestClose();
        });
        go(0);
    }

    public Scene scene() {
        return scene;
    }

    public Stage stage() {
        return stage;
    }

    public WizardModel model() {
        return model;
    }

    public Page page() {
        return page(current.get());
    }

    private Page page(int i) {
        if (pages[i] == null) {
            pages[i] = makers.get(i).get();
        }
        return pages[i];
    }

    public int index() {
        return current.get();
    }

    /** Moves to page {@code index} (pages call it to jump, e.g. Welcome → Clean up of an open lab). */
    public void go(int index) {
        if (index < 0 || index >= pages.length) {
            return;
        }
        Page p = page(index);
        current.set(index);
        content.getChildren().setAll(p.view());
        p.onEnter();
        var valid = p.valid();
        var busy = p.busy();
        BooleanBinding canBack = Bindings.createBooleanBinding(() -> index > 0 && p.canGoBack() && !busy.get(), busy);
        back.disableProperty().bind(canBack.not());
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> !valid.get() || busy.get(), valid, busy));
        next.setText(p.nextLabel());
        renderSteps();
        Platform.runLater(() -> p.view().requestFocus());
    }

    private void onNext() {
        if (current.get() == pages.length - 1) {
            requestClose();
        } else {
            go(current.get() + 1);
        }
    }

    private void renderSteps() {
        stepBar.getChildren().clear();
        for (int i = 0; i < STEP_NAMES.length; i++) {
            Label l = new Label((i + 1) + "  " + STEP_NAMES[i]);
            l.getStyleClass().add("step");
            l.setMinWidth(Region.USE_PREF_SIZE);
            if (i == current.get()) {
                l.getStyleClass().add("step-current");
                l.setAccessibleText("Current step: " + STEP_NAMES[i]);
            } else if (i < current.get()) {
                l.getStyleClass().add("step-done");
            }
            stepBar.getChildren().add(l);
        }
    }

    private void applyTheme(boolean dark) {
        theme(dark);
        settings.dark = dark;
    }

    /**
     * Sets the AtlantaFX theme as the user-agent stylesheet, in its binary form (read, not parsed). Called before
     * the first control is created, JavaFX never loads Modena, which the theme replaces anyway.
     */
    public static void theme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheetBSS() : new PrimerLight().getUserAgentStylesheetBSS());
    }

    public boolean dark() {
        return settings.dark;
    }

    /** Esc or the window's close button: asks, stops what runs (leaving the ledger exact), remembers the window. */
    public void requestClose() {
        Page p = page();
        boolean running = p.busy().get();
        boolean finished = current.get() == pages.length - 1;
        if (!finished || running) {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION);
            a.initOwner(stage);
            a.setTitle("Leave RoleLab?");
            a.setHeaderText(running ? "A step is running." : "Leave the wizard?");
            a.setContentText(running
                    ? "RoleLab will cancel it, remove what it created, and then close. This can take a minute."
                    : "Anything RoleLab created stays listed in its ledger; the next start offers to clean it up.");
            ButtonType leave = new ButtonType(running ? "Cancel and close" : "Leave", ButtonBar.ButtonData.OK_DONE);
            ButtonType stay = new ButtonType("Stay", ButtonBar.ButtonData.CANCEL_CLOSE);
            a.getButtonTypes().setAll(stay, leave);
            Optional<ButtonType> answer = a.showAndWait();
            if (answer.isEmpty() || answer.get() != leave) {
                return;
            }
        }
        if (running) {
            next.disableProperty().unbind();
            next.setDisable(true);
            back.disableProperty().unbind();
            back.setDisable(true);
            model.services.executor().pool().submit(() -> {
                p.stop();
                Platform.runLater(this::close);
            });
        } else {
            close();
        }
    }

    private void close() {
        settings.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            settings.x = stage.getX();
            settings.y = stage.getY();
            settings.width = stage.getWidth();
            settings.height = stage.getHeight();
        }
        settings.save(model.services.data().resolve("settings.properties"));
        stage.close();
    }
}
