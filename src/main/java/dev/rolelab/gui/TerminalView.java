package dev.rolelab.gui;

import dev.rolelab.gui.util.Forms;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The live output of the instance: ANSI colours, carriage-return progress collapsed to its latest
 * state, a bounded scrollback, copy and search. A virtualised list of lines: only the visible ones are
 * drawn, and a batch of any size is one change (lines arrive once per frame).
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

    /** A line as shown: its coloured pieces. */
    record Shown(List<Segment> segments) {
        String text() {
            StringBuilder sb = new StringBuilder();
            segments.forEach(s -> sb.append(s.text()));
            return sb.toString();
        }
    }

    record Segment(String text, String style) { }

    static final int SCROLLBACK = 20_000;
    /** Every printable ASCII character: the sample line that primes the view's glyphs. */
    private static final String PRINTABLE = java.util.stream.IntStream.range(' ', 127)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    private static final Pattern CSI = Pattern.compile("\u001B\\[([0-9;?]*)([A-Za-z])");
    private static final String[] COLOURS = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

    private final ObservableList<Shown> lines = FXCollections.observableArrayList();
    private final ListView<Shown> list = new ListView<>(lines);
    private final TextField search = new TextField();
    private final Label found = new Label();
    /** Follows the end until the user scrolls up; scrolling back to the end follows again. */
    private boolean following = true;

    public TerminalView() {
        getStyleClass().add("terminal");
        list.getStyleClass().add("terminal-area");
        list.setFixedCellSize(19);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setAccessibleText("Output of the commands on the instance");
        list.setCellFactory(v -> new ListCell<>() {
            private final TextFlow flow = new TextFlow();
            private final Text single = new Text();

            @Override
            protected void updateItem(Shown item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                if (item.segments().size() == 1) {
                    // most lines are one colour: one Text node, no flow layout
                    Segment s = item.segments().get(0);
                    single.setText(s.text());
                    single.getStyleClass().setAll("text", s.style());
                    setGraphic(single);
                    return;
                }
                List<Text> texts = new ArrayList<>(item.segments().size());
                for (Segment s : item.segments()) {
                    Text t = new Text(s.text());
                    t.getStyleClass().add(s.style());
                    texts.add(t);
                }
                flow.getChildren().setAll(texts);
                setGraphic(flow);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        // after the list has scrolled: follow only while the last line is in view
        list.addEventFilter(ScrollEvent.SCROLL, e -> Platform.runLater(this::followIfAtEnd));
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::followIfAtEnd)); // the scroll bar
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP, PAGE_UP, HOME -> following = false;
                case DOWN, PAGE_DOWN, END -> Platform.runLater(this::followIfAtEnd);
                default -> { }
            }
        });
        list.heightProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                if (list.getHeight() > 0 && list.getSkin() != null) {
                    list.heightProperty().removeListener(this);
                    Platform.runLater(TerminalView.this::prime);
                }
            }
        });

        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> copy(list.getSelectionModel().getSelectedItems()));
        MenuItem copyAll = new MenuItem("Copy all");
        copyAll.setOnAction(e -> copy(lines));
        list.setContextMenu(new ContextMenu(copy, copyAll));
        list.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copy(list.getSelectionModel().getSelectedItems());
                e.consume();
            }
        });

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
        getChildren().addAll(bar, list);
        setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN).match(e)) {
                search.requestFocus();
                e.consume();
            }
        });
    }

    /**
     * Once the view has its size, and only while it is still empty: fills it with a screen of sample lines (every
     * printable character, regular and bold), lays it out, draws it once off screen, and empties it again, all in
     * one turn of the FX thread, so nothing of it is ever shown. The cells, the scroll bar, the glyphs and the
     * renderer's code are then ready before the first output: made and compiled in the middle of a flood instead,
     * they cost the first frames 110–175 ms each (measured: 47–51 ms after, WizardBenchmark).
     */
    private void prime() {
        if (!lines.isEmpty()) {
            return;
        }
        int rows = (int) Math.ceil(list.getHeight() / list.getFixedCellSize()) + 1;
        List<Shown> sample = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            sample.add(new Shown(List.of(new Segment(PRINTABLE, i % 4 == 0 ? "term-command" : "term-out"))));
        }
        lines.setAll(sample);
        list.layout();
        list.snapshot(null, null);
        lines.clear();
        list.layout();
    }

    private static void copy(List<Shown> which) {
        StringBuilder sb = new StringBuilder();
        which.forEach(s -> sb.append(s.text()).append('\n'));
        ClipboardContent c = new ClipboardContent();
        c.putString(sb.toString());
        Clipboard.getSystemClipboard().setContent(c);
    }

    /** Everything in the scrollback, as plain text. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        lines.forEach(s -> sb.append(s.text()).append('\n'));
        return sb.toString();
    }

    public int lineCount() {
        return lines.size();
    }

    public void clear() {
        lines.clear();
    }

    /** Appends a batch (on the FX thread) as one change; follows the end unless the user scrolled away. */
    public void append(Collection<Line> batch) {
        if (batch.isEmpty()) {
            return;
        }
        boolean follow = lines.isEmpty() || following && list.getSelectionModel().isEmpty();
        List<Shown> shown = new ArrayList<>(batch.size());
        for (Line l : batch) {
            shown.add(new Shown(render(l)));
        }
        lines.addAll(shown);
        if (lines.size() > SCROLLBACK + SCROLLBACK / 10) {
            // trimmed in chunks: each removal at the top costs the list a pass, so do it seldom
            lines.remove(0, lines.size() - SCROLLBACK);
        }
        if (follow) {
            list.scrollTo(lines.size() - 1);
        }
    }

    /** Whether the view follows the end of the output (it stops when the user scrolls up). */
    public boolean following() {
        return following;
    }

    private void followIfAtEnd() {
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getLastVisibleCell() != null) {
            following = flow.getLastVisibleCell().getIndex() >= lines.size() - 1;
        }
    }

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
        if (text.indexOf('\u001B') < 0) {
            // most lines carry no escape: one segment, and no matcher made for them
            return List.of(new Segment(text, line.kind()));
        }
        List<Segment> out = new ArrayList<>(2);
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
        int start = list.getSelectionModel().getSelectedIndex() + 1;
        for (int k = 0; k < lines.size(); k++) {
            int i = (start + k) % lines.size();
            if (lines.get(i).text().contains(q)) {
                found.setText("");
                list.getSelectionModel().clearAndSelect(i);
                list.scrollTo(Math.max(0, i - 5));
                return;
            }
        }
        found.setText("not found");
    }
}
