package dev.rolelab.gui.util;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** Confirmation dialogs sized to their text: no sentence and no button label is ever cut. */
public final class Dialogs {
    private Dialogs() { }

    /** Wraps the content at a readable width and lets the dialog grow to its text and buttons. */
    public static void fitToText(Alert a) {
        DialogPane pane = a.getDialogPane();
        Label content = new Label(a.getContentText());
        content.setWrapText(true);
        content.setMnemonicParsing(false);
        content.setMaxWidth(460);
        content.setMinHeight(Region.USE_PREF_SIZE);
        content.getStyleClass().add("dialog-text");
        pane.setContent(content);
        pane.setMinHeight(Region.USE_PREF_SIZE);
        pane.setMinWidth(Region.USE_PREF_SIZE);
        pane.setPrefWidth(Region.USE_COMPUTED_SIZE);
        for (ButtonType t : pane.getButtonTypes()) {
            if (pane.lookupButton(t) instanceof Button b) {
                b.setMinWidth(Region.USE_PREF_SIZE);
                b.setMnemonicParsing(false);
            }
        }
        a.setResizable(true);
    }
}
