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
     * Loads FXMLLoader, the XML parser under it, and the reflection it uses for properties, ids and a controller's
     * {@code initialize} (about 250 classes that the JDK's class-data archive lacks, ~60 ms on {@code java -jar}) by
     * reading a document that makes no node, so it may run before the toolkit has started: on a thread of its own while
     * the main thread starts the toolkit, so the first page's FXML finds its classes loaded. Never fails.
     */
    public static void warmUp() {
        try {
            warmUpDocument();
        } catch (IOException | RuntimeException e) {
            // only an optimisation: the real load reports its own problems
        }
    }

    /** The warm-up's document, loaded: the property its controller was handed (for the test that it loads). */
    static javafx.beans.property.SimpleStringProperty warmUpDocument() throws IOException {
        FXMLLoader loader = new FXMLLoader();
        loader.setClassLoader(Fxml.class.getClassLoader());
        WarmUp controller = new WarmUp();
        loader.setController(controller);
        loader.load(new java.io.ByteArrayInputStream(("<?import javafx.beans.property.SimpleStringProperty?>"
                + "<SimpleStringProperty xmlns:fx=\"http://javafx.com/fxml/1\" fx:id=\"warm\" value=\"warm\"/>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return controller.initialized ? controller.warm : null;
    }

    /** The warm-up's controller: a private field injected by id, and an initialize method, as a page has. */
    static final class WarmUp {
        @javafx.fxml.FXML
        private javafx.beans.property.SimpleStringProperty warm;

        private boolean initialized;

        @javafx.fxml.FXML
        private void initialize() {
            initialized = warm != null;
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
