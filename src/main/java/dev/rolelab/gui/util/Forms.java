package dev.rolelab.gui.util;

import dev.rolelab.lab.Problem;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small building blocks every page uses: a labelled field with its message underneath, headings, notes. */
public final class Forms {
    private Forms() { }

    /** A field: its label, the control, and a message line under it (error or warning). */
    public record Field(VBox box, Label message) {
        public void show(List<Problem> problems) {
            Problem worst = problems.stream().filter(Problem::isError).findFirst()
                    .orElse(problems.isEmpty() ? null : problems.get(0));
            message.getStyleClass().removeAll("field-error", "field-warning");
            if (worst == null) {
                message.setText("");
                message.setManaged(false);
                message.setVisible(false);
                return;
            }
            message.getStyleClass().add(worst.isError() ? "field-error" : "field-warning");
            message.setText(worst.message());
            message.setManaged(true);
            message.setVisible(true);
        }

        public void showText(String text, boolean error) {
            show(text == null ? List.of() : List.of(error ? Problem.error("", text) : Problem.warning("", text)));
        }
    }

    /**
     * Shows a view-model's message for a field under it: the worst problem, styled as error or warning. The line
     * keeps its place when empty, so the page does not jump as messages come and go.
     */
    public static void bindMessage(Label message, ObservableValue<Problem> problem) {
        message.setWrapText(true);
        message.setMnemonicParsing(false);
        Runnable show = () -> {
            Problem p = problem.getValue();
            message.getStyleClass().removeAll("field-error", "field-warning");
            message.setText(p == null ? "" : p.message());
            if (p != null) {
                message.getStyleClass().add(p.isError() ? "field-error" : "field-warning");
            }
        };
        problem.addListener((o, a, b) -> show.run());
        show.run();
    }

    public static Field field(String label, Node control, String help) {
        Label l = new Label(label);
        l.getStyleClass().add("field-label");
        l.setLabelFor(control);
        Label message = new Label();
        message.setWrapText(true);
        message.setManaged(false);
        message.setVisible(false);
        VBox box = new VBox(4, l, control);
        if (help != null) {
            Label h = new Label(help);
            h.getStyleClass().add("field-help");
            h.setWrapText(true);
            box.getChildren().add(h);
        }
        box.getChildren().add(message);
        return new Field(box, message);
    }

    public static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("page-heading");
        l.setWrapText(true);
        return l;
    }

    public static Label lead(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("page-lead");
        l.setWrapText(true);
        return l;
    }

    public static Label note(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("note");
        l.setWrapText(true);
        return l;
    }

    public static FontIcon icon(String literal) {
        FontIcon i = new FontIcon(literal);
        i.getStyleClass().add("icon");
        return i;
    }

    /** An icon followed by text: meaning never rests on the icon alone. */
    public static HBox iconText(String literal, String text, String styleClass) {
        Label l = new Label(text);
        l.setWrapText(true);
        HBox.setHgrow(l, Priority.ALWAYS);
        HBox box = new HBox(8, icon(literal), l);
        if (styleClass != null) {
            box.getStyleClass().add(styleClass);
        }
        return box;
    }

    /**
     * A tooltip, made when the pointer first reaches the control (a Tooltip is a popup window of its own: making
     * one for every control up front costs the first frame). Until then the text is the control's help text.
     */
    public static void tooltip(Control c, String text) {
        c.setAccessibleHelp(text);
        EventHandler<MouseEvent> first = new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                c.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                if (c.getTooltip() == null) {
                    c.setTooltip(new Tooltip(text));
                }
            }
        };
        c.addEventHandler(MouseEvent.MOUSE_ENTERED, first);
    }

    /** Scrolls the nearest scroll pane so that {@code node} is in view (no-op when it already is). */
    public static void scrollIntoView(Node node) {
        Node p = node.getParent();
        while (p != null && !(p instanceof ScrollPane)) {
            p = p.getParent();
        }
        if (p instanceof ScrollPane sp && sp.getContent() != null) {
            double content = sp.getContent().getBoundsInLocal().getHeight();
            double viewport = sp.getViewportBounds().getHeight();
            if (content <= viewport) {
                return;
            }
            var b = sp.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double top = sp.getVvalue() * (content - viewport);
            if (b.getMinY() < top || b.getMaxY() > top + viewport) {
                sp.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 20) / (content - viewport))));
            }
        }
    }

    public static VBox page(Node... children) {
        VBox v = new VBox(14, children);
        v.getStyleClass().add("page");
        return v;
    }
}
