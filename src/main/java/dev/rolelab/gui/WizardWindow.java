package dev.rolelab.gui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.rolelab.gui.util.Forms;
import dev.rolelab.gui.util.Settings;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.gui.util.Dialogs;
import dev.rolelab.lab.Ledger;
import java.util.BitSet;
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
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The wizard's frame: the step list, the practice banner, the current page, and Back / Next.
 * Next is disabled until the page is valid; Enter is Next; Esc asks before leaving.
 */
public final class WizardWindow {

    static final double MIN_WIDTH = 860;
    static final double MIN_HEIGHT = 600;

    private final Stage stage;
    private final WizardModel model;
    private final List<Pages.Entry> entries;
    private final Page[] pages;
    /** The pages the user finished with Next (a jump from Welcome to Clean up finishes none). */
    private final BitSet finished = new BitSet();
    private final IntegerProperty current = new SimpleIntegerProperty(-1);
    private final StackPane content = new StackPane();
    /** Wraps onto a second line when the window is narrow (or the scale large), never cutting a step's name. */
    private final FlowPane stepBar = new FlowPane(4, 4);
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private final Settings settings;
    private final Scene scene;
    private final ScrollPane scroll;
    private boolean closing;

    public WizardWindow(Stage stage, Services services) {
        this(stage, services, Settings.load(services.data().resolve("settings.properties")));
    }

    /** With the settings already read (the app reads them first to set the theme before any control exists). */
    public WizardWindow(Stage stage, Services services, Settings settings) {
        this(stage, services, settings, Pages.all());
    }

    /** With other pages (tests). */
    WizardWindow(Stage stage, Services services, Settings settings, List<Pages.Entry> entries) {
        this.stage = stage;
        this.model = new WizardModel(services);
        this.settings = settings;
        this.entries = List.copyOf(entries);
        this.pages = new Page[entries.size()];

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
        banner.visibleProperty().bind(model.practiceProperty().and(current.greaterThan(0)));
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
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(10, theme, spacer, back, next);
        footer.getStyleClass().add("footer");
        footer.setAlignment(Pos.CENTER_RIGHT);

        scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        content.setPadding(new Insets(8, 28, 20, 28));
        content.setAlignment(Pos.TOP_LEFT);

        BorderPane root = new BorderPane(scroll, top, null, footer, null);
        root.getStyleClass().add("wizard");
        double[] size = openingSize(settings);
        scene = new Scene(root, size[0], size[1]);
        scene.getStylesheets().add(WizardWindow.class.getResource("rolelab.css").toExternalForm());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                requestClose();
            }
        });
        stage.setScene(scene);
        stage.setTitle("RoleLab");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setMinWidth(Math.min(MIN_WIDTH, screen.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, screen.getHeight()));
        if (!Double.isNaN(settings.x) && onSomeScreen(settings.x, settings.y)) {
            stage.setX(settings.x);
            stage.setY(settings.y);
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(settings.maximized);
        // some window managers open a window at its minimum size: once shown, it gets the size chosen for it
        stage.setWidth(size[0]);
        stage.setHeight(size[1]);
        // openbox (and others) shrink a new window to its minimum just after it is shown: within the first second
        // that is the window manager, not the user, so the chosen size is put back
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            long shownAt = System.nanoTime();
            javafx.beans.InvalidationListener restore = new javafx.beans.InvalidationListener() {
                @Override
                public void invalidated(javafx.beans.Observable o) {
                    if (System.nanoTime() - shownAt > 1_000_000_000L) {
                        stage.widthProperty().removeListener(this);
                        stage.heightProperty().removeListener(this);
                    } else if (!stage.isMaximized() && (stage.getWidth() < size[0] - 1 || stage.getHeight() < size[1] - 1)) {
                        Platform.runLater(() -> {
                            stage.setWidth(size[0]);
                            stage.setHeight(size[1]);
                            if (Double.isNaN(settings.x)) {
                                stage.centerOnScreen();
                            }
                        });
                    }
                }
            };
            stage.widthProperty().addListener(restore);
            stage.heightProperty().addListener(restore);
        });
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
            pages[i] = entries.get(i).make().apply(this);
        }
        return pages[i];
    }

    public int index() {
        return current.get();
    }

    /** The title of the page shown. */
    public String currentTitle() {
        return entries.get(current.get()).title();
    }

    /** The pages' titles, in order. */
    public List<String> titles() {
        return entries.stream().map(Pages.Entry::title).toList();
    }

    /** Moves to the page of this type (Welcome jumps to Clean up, or to Build and push for a resumed lab). */
    public void goTo(Class<? extends Page> type) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).type() == type) {
                go(i);
                return;
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " is not a page of this wizard");
    }

    private void go(int index) {
        if (index < 0 || index >= pages.length) {
            return;
        }
        Page p = page(index);
        current.set(index);
        content.getChildren().setAll(p.view());
        scroll.setVvalue(0); // each page opens at its top
        p.onEnter();
        var valid = p.valid();
        var busy = p.busy();
        var nextIsDefault = p.nextIsDefault();
        BooleanBinding canBack = Bindings.createBooleanBinding(() -> index > 0 && p.canGoBack() && !busy.get(), busy);
        back.disableProperty().bind(canBack.not());
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> !valid.get() || busy.get(), valid, busy));
        next.defaultButtonProperty().bind(Bindings.createBooleanBinding(nextIsDefault::get, nextIsDefault));
        next.setText(p.nextLabel());
        renderSteps();
        Platform.runLater(() -> {
            scroll.setVvalue(0);
            p.view().requestFocus();
        });
    }

    private void onNext() {
        Page p = page();
        if (!p.canExit()) {
            return;
        }
        p.onExit();
        finished.set(current.get());
        if (current.get() == pages.length - 1) {
            close();
        } else {
            go(current.get() + 1);
        }
    }

    /** The step bar shows where you are; it is not a menu (each step needs the ones before it). */
    private void renderSteps() {
        stepBar.getChildren().clear();
        for (int i = 0; i < entries.size(); i++) {
            String name = entries.get(i).title();
            Label l = new Label((i + 1) + "  " + name);
            l.getStyleClass().add("step");
            l.setMinWidth(Region.USE_PREF_SIZE);
            l.setMnemonicParsing(false);
            // every step as wide on every page, so the bar wraps the same way throughout and the page never jumps:
            // the check mark's place is a fixed box on every step (the mark itself only in a done one) and the current
            // step is not bold. Only done steps get an icon: eleven icons styled at start-up cost ~70 ms of the first frame
            StackPane mark = new StackPane();
            mark.getStyleClass().add("step-mark");
            l.setGraphic(mark);
            if (i == current.get()) {
                l.getStyleClass().add("step-current");
                l.setAccessibleText("Current step: " + name);
            } else if (finished.get(i)) {
                l.getStyleClass().add("step-done");
                mark.getChildren().add(Forms.icon("mdi2c-check"));
                l.setAccessibleText("Done: " + name);
            } else {
                l.setAccessibleText("Step " + (i + 1) + ": " + name);
            }
            stepBar.getChildren().add(l);
        }
    }

    /** Whether a step was finished with Next (the step bar marks it done). */
    public boolean finished(String title) {
        int i = titles().indexOf(title);
        return i >= 0 && finished.get(i);
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

    /**
     * "Leave RoleLab?", sized to its text. Stay is the default button: Enter, pressed out of habit, keeps the window;
     * leaving (and, while a step runs, stopping it) takes a deliberate click or Tab.
     */
    static Alert leaveDialog(Stage owner, boolean running, String content) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(owner);
        a.setTitle("Leave RoleLab?");
        a.setHeaderText(running ? "A step is running." : "Leave the wizard?");
        a.setContentText(content);
        ButtonType leave = new ButtonType(running ? "Stop and close" : "Leave", ButtonBar.ButtonData.OK_DONE);
        ButtonType stay = new ButtonType("Stay", ButtonBar.ButtonData.CANCEL_CLOSE);
        a.getButtonTypes().setAll(stay, leave);
        ((Button) a.getDialogPane().lookupButton(leave)).setDefaultButton(false);
        ((Button) a.getDialogPane().lookupButton(stay)).setDefaultButton(true);
        Dialogs.fitToText(a);
        return a;
    }

    /** Esc or the window's close button: asks, stops what runs (leaving the ledger exact), remembers the window. */
    public void requestClose() {
        if (closing) {
            return;
        }
        Page p = page();
        boolean running = p.busy().get();
        boolean last = current.get() == pages.length - 1;
        Ledger ledger = model.ledgerProperty().get();
        boolean nothingCreated = ledger == null || ledger.live().isEmpty();
        boolean ask = running || !(last || (current.get() == 0 && nothingCreated));
        if (ask) {
            Alert a = leaveDialog(stage, running, running ? p.whatClosingDoes()
                    : nothingCreated ? "Nothing has been created yet; what you chose is not kept."
                    : "What RoleLab created stays listed in its ledger; the next start offers to clean it up.");
            ButtonType leave = a.getButtonTypes().stream().filter(t -> t.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                    .findFirst().orElseThrow();
            Optional<ButtonType> answer = a.showAndWait();
            if (answer.isEmpty() || answer.get() != leave) {
                return;
            }
        }
        // asked while running: what the dialog said holds even if the run ended while it was open
        if (running || p.busy().get()) {
            closing = true;
            next.disableProperty().unbind();
            next.setDisable(true);
            back.disableProperty().unbind();
            back.setDisable(true);
            // a page that cannot stop cleanly must not keep the window open (the failure is logged)
            model.services().executor().run(() -> {
                p.stop();
                return Boolean.TRUE;
            }, stopped -> close(), failed -> close());
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
        try {
            settings.save(model.services().data().resolve("settings.properties"));
        } finally {
            stage.close();
            model.closeCloud();
        }
    }

    /** The remembered size, within the screen; a first start opens at most of the screen (not at the minimum). */
    private static double[] openingSize(Settings settings) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = settings.remembered() ? settings.width : Math.max(MIN_WIDTH, Math.min(1180, screen.getWidth() * 0.85));
        double h = settings.remembered() ? settings.height : Math.max(MIN_HEIGHT, Math.min(860, screen.getHeight() * 0.88));
        return new double[] {Math.min(w, screen.getWidth()), Math.min(h, screen.getHeight())};
    }

    private static boolean onSomeScreen(double x, double y) {
        return !Screen.getScreensForRectangle(x, y, 40, 40).isEmpty();
    }
}
