package dev.rolelab.gui.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;

/** Loads a page's layout, {@code XxxPage.fxml} beside its class, with the page as its controller. */
public final class Fxml {
    private Fxml() { }

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
