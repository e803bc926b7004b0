package dev.rolelab.gui.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import javafx.fxml.FXML;
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

    /** Layouts read ahead by {@link #preload}, by page class; each is taken once. */
    private static final Map<Class<?>, Future<Preloaded>> PRELOADED = new ConcurrentHashMap<>();

    /** A layout read without its controller: its root, and its nodes by fx:id. */
    private record Preloaded(Node root, Map<String, Object> namespace) { }

    /**
     * Reads a page's layout on a thread of its own, so the FX thread need not: the first page's FXML (~100 ms
     * on the FX thread at start-up, when all of it still runs interpreted) is parsed while the FX thread builds
     * the window's frame. Nodes may be made on any thread until they join a shown scene. Call it after the theme
     * is set (a control made before would load Modena). The layout is read without a controller, so a document
     * that names handlers ({@code onAction="#…"}) cannot be read ahead: {@link #load} then reads it as usual.
     */
    public static void preload(Class<?> pageType) {
        URL url = url(pageType);
        FutureTask<Preloaded> task = new FutureTask<>(() -> {
            FXMLLoader loader = new FXMLLoader(url);
            loader.setClassLoader(pageType.getClassLoader());
            Node root = loader.load();
            return new Preloaded(root, new java.util.HashMap<>(loader.getNamespace())); // it holds nulls (resources)
        });
        PRELOADED.put(pageType, task);
        Thread t = new Thread(task, "rolelab-fxml-" + pageType.getSimpleName());
        t.setDaemon(true);
        t.start();
    }

    /**
     * The page's layout, with the page as its controller: its {@code @FXML} fields set from the layout's ids, then
     * its {@code initialize()} called. A layout read ahead by {@link #preload} is used when it was read; otherwise
     * (or when reading ahead failed) FXMLLoader reads it now, which does the same.
     */
    public static <T extends Node> T load(Object controller) {
        Future<Preloaded> ahead = PRELOADED.remove(controller.getClass());
        if (ahead != null) {
            Preloaded p = take(ahead);
            if (p != null) {
                inject(controller, p.namespace());
                @SuppressWarnings("unchecked")
                T root = (T) p.root();
                return root;
            }
        }
        URL url = url(controller.getClass());
        String name = controller.getClass().getSimpleName() + ".fxml";
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(controller);
        loader.setClassLoader(controller.getClass().getClassLoader());
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static URL url(Class<?> type) {
        String name = type.getSimpleName() + ".fxml";
        URL url = type.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is missing beside " + type.getName());
        }
        return url;
    }

    /** The layout read ahead, or null when reading it failed (the caller then reads it itself, and sees why). */
    private static Preloaded take(Future<Preloaded> ahead) {
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** What FXMLLoader does for a controller: each {@code @FXML} field from the id of its name, then {@code initialize}. */
    private static void inject(Object controller, Map<String, Object> namespace) {
        try {
            for (Class<?> c = controller.getClass(); c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.isAnnotationPresent(FXML.class) && namespace.containsKey(f.getName())) {
                        f.setAccessible(true);
                        f.set(controller, namespace.get(f.getName()));
                    }
                }
            }
            for (Class<?> c = controller.getClass(); c != Object.class; c = c.getSuperclass()) {
                try {
                    Method init = c.getDeclaredMethod("initialize");
                    if (init.isAnnotationPresent(FXML.class) || Modifier.isPublic(init.getModifiers())) {
                        init.setAccessible(true);
                        init.invoke(controller);
                        return;
                    }
                } catch (NoSuchMethodException e) {
                    // look in the superclass
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set up " + controller.getClass().getSimpleName() + " from its layout", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(controller.getClass().getSimpleName() + ".initialize failed", e.getCause());
        }
    }
}
