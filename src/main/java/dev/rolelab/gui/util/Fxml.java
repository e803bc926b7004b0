package dev.rolelab.gui.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;

/** Loads a page's layout, {@code XxxPage.fxml} beside its class, with the page as its controller. */
public final class Fxml {
    private Fxml() { }

    /**
     * Loads FXMLLoader and the XML parser under it (the first FXML of a process costs ~30 ms of class loading) by
     * reading a one-element document. For a thread of its own at start-up, after the theme is set and while the FX
     * thread builds the window's frame, so the first page's FXML finds its classes loaded. Never fails.
     */
    public static void warmUp() {
        try {
            FXMLLoader loader = new FXMLLoader();
            loader.setClassLoader(Fxml.class.getClassLoader());
            loader.load(new java.io.ByteArrayInputStream(
                    "<?import javafx.scene.layout.VBox?><VBox xmlns:fx=\"http://javafx.com/fxml/1\"/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            // only an optimisation: the real load reports its own problems
        }
    }

    public static <T extends Node> T load(Object controller) {
        String name = controller.getClass().getSimpleName() + ".fxml";
        URL url = controller.getClass().getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is missing beside " + controller.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(controller);
        loader.setClassLoader(controller.getClass().getClassLoader());
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
