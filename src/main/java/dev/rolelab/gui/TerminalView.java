package dev.rolelab.gui;

import dev.rolelab.gui.util.Forms;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;

/**
 * The live output of the instance: ANSI colours, carriage-return progress collapsed to its latest
 * state, a bounded scrollback, copy and search. Lines arrive in batches (one per frame).
 */
public final class TerminalView extends VBox {

    /** One line of output and how to style it. */
    public record Line(String text, String kind) {
        public static Line out(String t) {
            return new Line(t, "term-out");
        }

        public static Line err(String t) {
            return new Line(t, "term-err");
        }

        public static Line command(String t) {
            return new Line(t, "term-command");
        }

        public static Line info(String t) {
            return new Line(t, "term-info");
        }
    }

    static final int SCROLLBACK = 20_000;
    private static final Pattern CSI = Pattern.compile("\u001B\\[([0-9;?]*)([A-Za-z])");
    private static final String[] COLOURS = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final TextField search = new TextField();
    private final Label found = new Label();
    private int paragraphs = 1;

    public TerminalView() {
        getStyleClass().add("terminal");
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("terminal-area");
        area.setAccessibleText("Output of the commands on the instance");
        VirtualizedScrollPane<StyleClassedTextArea> scroll = new VirtualizedScrollPane<>(area);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> area.copy());
        MenuItem copyAll = new MenuItem("Copy all");
        copyAll.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(area.getText());
            Clipboard.getSystemClipboard().setContent(c);
        });
        area.setContextMenu(new ContextMenu(copy, copyAll));

        search.setPromptText("Search the output (Ctrl+F)");
        search.setAccessibleText("Search the output");
        search.setOnAction(e -> findNext());
        Button next = new Button(null, Forms.icon("mdi2m-magnify"));
        next.setAccessibleText("Find next");
        Forms.tooltip(next, "Find next");
        next.setOnAction(e -> findNext());
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox bar = new HBox(6, search, next, found);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("terminal-bar");
        getChildren().addAll(bar, scroll);
        setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN).match(e)) {
                search.requestFocus();
                e.consume();
            }
        });
    }

    public String text() {
        return area.getText();
    }

    public int lineCount() {
        return paragraphs;
    }

    public void clear() {
        area.clear();
        paragraphs = 1;
    }

    /** Appends a batch (on the FX thread). Consecutive runs of one style go in as one insertion. */
    public void append(Collection<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        boolean follow = atBottom();
        StringBuilder run = new StringBuilder();
        String runStyle = null;
        for (Line l : lines) {
            for (Segment s : render(l)) {
                if (!s.style().equals(runStyle) && run.length() > 0) {
                    area.append(run.toString(), runStyle);
                    run.setLength(0);
                }
                runStyle = s.style();
                run.append(s.text());
            }
            run.append('\n');
            paragraphs++;
        }
        if (run.length() > 0) {
            area.append(run.toString(), runStyle);
        }
        if (paragraphs > SCROLLBACK) {
            int drop = paragraphs - SCROLLBACK;
            area.deleteText(0, area.getAbsolutePosition(drop, 0));
            paragraphs -= drop;
        }
        if (follow) {
            area.moveTo(area.getLength());
            area.requestFollowCaret();
        }
    }

    private boolean atBottom() {
        return area.getCaretPosition() >= area.getLength() - 1 || !area.isFocused();
    }

    record Segment(String text, String style) { }

    /** The line as the terminal shows it: the last carriage-return state, ANSI colours as style classes. */
    static List<Segment> render(Line line) {
        String text = line.text();
        int cr = text.lastIndexOf('\r');
        if (cr >= 0) {
            String after = text.substring(cr + 1);
            if (after.isEmpty()) {
                String before = text.substring(0, cr);
                after = before.substring(before.lastIndexOf('\r') + 1);
            }
            text = after;
        }
        List<Segment> out = new ArrayList<>();
        Matcher m = CSI.matcher(text);
        int at = 0;
        String style = line.kind();
        while (m.find()) {
            if (m.start() > at) {
                out.add(new Segment(text.substring(at, m.start()), style));
            }
            if (m.group(2).equals("m")) {
                style = sgr(m.group(1), line.kind(), style);
            }
            at = m.end();
        }
        if (at < text.length() || out.isEmpty()) {
            out.add(new Segment(text.substring(at), style));
        }
        return out;
    }

    private static String sgr(String params, String base, String current) {
        String style = current;
        for (String p : params.isEmpty() ? new String[] {"0"} : params.split(";")) {
            int code;
            try {
                code = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                continue;
            }
            if (code == 0 || code == 39) {
                style = base;
            } else if (code >= 30 && code <= 37) {
                style = "ansi-" + COLOURS[code - 30];
            } else if (code >= 90 && code <= 97) {
                style = "ansi-" + COLOURS[code - 90];
            }
        }
        return style;
    }

    private void findNext() {
        String q = search.getText();
        if (q.isEmpty()) {
            return;
        }
        String all = area.getText();
        int from = area.getSelection().getEnd();
        int i = all.indexOf(q, from);
        if (i < 0) {
            i = all.indexOf(q);
        }
        if (i < 0) {
            found.setText("not found");
            return;
        }
        found.setText("");
        area.selectRange(i, i + q.length());
        area.requestFollowCaret();
    }
}
