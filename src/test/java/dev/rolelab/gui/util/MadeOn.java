package dev.rolelab.gui.util;

import javafx.scene.layout.VBox;

/** A layout's root that remembers the thread it was made on (FxmlPreloadTest). */
public final class MadeOn extends VBox {
    final Thread thread = Thread.currentThread();
}
