package dev.rolelab.gui.pages;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** A JSON editor: keys, strings, numbers and punctuation highlighted; lines with a finding marked. */
final class PolicyEditor extends CodeArea {

    private static final Pattern TOKENS = Pattern.compile(
            "(?<KEY>\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:))|(?<STRING>\"(?:[^\"\\\\]|\\\\.)*\")|(?<NUMBER>-?\\d+(?:\\.\\d+)?)|(?<LITERAL>\\b(?:true|false|null)\\b)|(?<PUNCT>[{}\\[\\],:])");

    PolicyEditor(boolean editable) {
        getStyleClass().add("policy-editor");
        setParagraphGraphicFactory(LineNumberFactory.get(this));
        setEditable(editable);
        textProperty().addListener((o, a, b) -> setStyleSpans(0, highlight(b)));
    }

    /** Marks the given 1-based lines (findings) and clears the others. */
    void markLines(Set<Integer> lines) {
        for (int i = 0; i < getParagraphs().size(); i++) {
            Collection<String> style = lines.contains(i + 1) ? Set.of("finding-line") : Collections.emptyList();
            setParagraphStyle(i, style);
        }
    }

    static StyleSpans<Collection<String>> highlight(String text) {
        Matcher m = TOKENS.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String style = m.group("KEY") != null ? "json-key" : m.group("STRING") != null ? "json-string"
                    : m.group("NUMBER") != null ? "json-number" : m.group("LITERAL") != null ? "json-literal" : "json-punct";
            spans.add(Collections.emptyList(), m.start() - last);
            spans.add(Collections.singleton(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }
}
