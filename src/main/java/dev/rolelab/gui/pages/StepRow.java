package dev.rolelab.gui.pages;

import dev.rolelab.gui.util.Forms;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** One resource or step in a progress list: its state as an icon and a word, its detail, its elapsed time. */
final class StepRow extends VBox {

    enum State {
        WAITING("mdi2c-clock-outline", "waiting"), RUNNING(null, "in progress"), RETRYING(null, "retrying"),
        DONE("mdi2c-check-circle", "done"), FAILED("mdi2c-close-circle", "failed"), SKIPPED("mdi2m-minus-circle-outline", "not run");

        final String icon;
        final String word;

        State(String icon, String word) {
            this.icon = icon;
            this.word = word;
        }
    }

    private final StackPane mark = new StackPane();
    private final Label title = new Label();
    private final Label state = new Label();
    private final Label detail = new Label();
    private final Label elapsed = new Label();
    private final Label extra = new Label();
    private long startedAt;
    /** A step that runs long is scrolled into view once, so the user sees what is being waited for. */
    private boolean shown;
    private State current;

    StepRow(String id, String text) {
        setId("row-" + id);
        title.setText(text);
        title.getStyleClass().add("row-title");
        state.getStyleClass().add("row-state");
        detail.setWrapText(true);
        detail.getStyleClass().add("note");
        elapsed.getStyleClass().addAll("note", "elapsed");
        extra.getStyleClass().addAll("mono", "note");
        extra.setWrapText(true);
        extra.setVisible(false);
        extra.setManaged(false);
        mark.setMinWidth(22);
        // in a narrow column the title wraps; the state and the time are short and never cut
        title.setWrapText(true);
        state.setMinWidth(Region.USE_PREF_SIZE);
        elapsed.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox head = new HBox(10, mark, title, state, elapsed);
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(head, detail, extra);
        getStyleClass().add("step-row");
        set(State.WAITING, "");
    }

    void set(State s, String text) {
        if (s == State.RUNNING && current != State.RUNNING && current != State.RETRYING) {
            startedAt = System.nanoTime();
        }
        current = s;
        if (s == State.WAITING) {
            elapsed.setText(""); // reset for another run
        }
        if (s.icon == null) {
            ProgressIndicator p = new ProgressIndicator();
            p.setPrefSize(16, 16);
            mark.getChildren().setAll(p);
        } else {
            FontIcon i = Forms.icon(s.icon);
            i.getStyleClass().add("state-" + s.name().toLowerCase());
            mark.getChildren().setAll(i);
        }
        getStyleClass().removeIf(c -> c.startsWith("row-state-"));
        getStyleClass().add("row-state-" + s.name().toLowerCase());
        state.setText(s.word);
        if (text != null && !text.isEmpty()) {
            detail.setText(text);
        }
        setAccessibleText(title.getText() + ": " + s.word + (text == null || text.isEmpty() ? "" : ", " + text));
    }

    /** Empties the detail (a row reset for another run: set() keeps the last words when given none). */
    void clearDetail() {
        detail.setText("");
    }

    /** Shows what a workflow event says about this row (a command line is left to the terminal). */
    void show(dev.rolelab.run.Event e) {
        switch (e.type()) {
            case STARTED -> set(State.RUNNING, e.message().startsWith("$ ") ? "" : e.message());
            case PROGRESS -> set(State.RUNNING, e.message());
            case RETRYING -> set(State.RETRYING, e.message());
            case DONE -> set(State.DONE, e.message());
            case FAILED -> set(State.FAILED, e.message());
            case SKIPPED -> set(State.SKIPPED, e.message());
            default -> { }
        }
    }

    State state() {
        return current;
    }

    /** Called every frame while running: the time since the step started. */
    void tick() {
        if (current == State.RUNNING || current == State.RETRYING) {
            double secs = (System.nanoTime() - startedAt) / 1e9;
            elapsed.setText(String.format("%.1f s", secs));
            if (secs > 2 && !shown) {
                shown = true;
                Forms.scrollIntoView(this);
            }
        }
    }

    /** The time a finished step took, from its events (null: none known, the label is left as it is). */
    void took(java.time.Duration d) {
        if (d != null) {
            elapsed.setText(String.format("%.1f s", d.toMillis() / 1000.0));
        }
    }

    void extra(String text, boolean show) {
        extra.setText(text);
        extra.setVisible(show);
        extra.setManaged(show);
    }
}
