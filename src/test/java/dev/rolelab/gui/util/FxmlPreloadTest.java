package dev.rolelab.gui.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The first page's layout is read on another thread at start-up; the page then gets exactly what FXMLLoader would give it. */
@ExtendWith(ApplicationExtension.class)
class FxmlPreloadTest {

    /** A page: fields by id, and initialize, as every page has. */
    static final class Probe {
        @FXML
        private Label label;
        private String seen;

        @FXML
        private void initialize() {
            seen = label.getText();
        }
    }

    /** A layout naming a handler cannot be read without its controller: it is read as usual, when the page is made. */
    static final class WithHandler {
        @FXML
        private Button button;
        private int pressed;

        @FXML
        private void go() {
            pressed++;
        }
    }

    private static <T> T onFx(java.util.function.Supplier<T> s) throws Exception {
        AtomicReference<T> r = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> r.set(s.get())).get();
        return r.get();
    }

    @Test
    void aLayoutReadAheadIsMadeOffTheFxThreadAndHandedToItsPageWithIdsAndInitialize() throws Exception {
        Fxml.preload(Probe.class);
        Probe page = new Probe();
        MadeOn root = onFx(() -> Fxml.load(page));
        assertTrue(root.thread != null && !root.thread.getName().equals(onFx(() -> Thread.currentThread().getName())),
                "made on " + root.thread.getName() + ", not on the FX thread");
        assertTrue(root.thread.getName().startsWith("rolelab-fxml-"), root.thread.getName());
        assertSame(root.getChildren().get(0), page.label, "the @FXML field is the layout's node");
        assertEquals("read ahead", page.seen, "initialize ran, after the fields were set");
        // taken once: the next page of the kind reads its own
        Probe second = new Probe();
        MadeOn again = onFx(() -> Fxml.load(second));
        assertNotSame(root, again);
        assertTrue(again.thread.getName().startsWith("JavaFX Application Thread"), again.thread.getName());
        assertEquals("read ahead", second.seen);
    }

    @Test
    void aLayoutWithHandlersFallsBackToAnOrdinaryLoadThatBindsThem() throws Exception {
        Fxml.preload(WithHandler.class);
        WithHandler page = new WithHandler();
        MadeOn root = onFx(() -> Fxml.load(page));
        assertTrue(root.thread.getName().startsWith("JavaFX Application Thread"), root.thread.getName());
        WaitForAsyncUtils.asyncFx(() -> page.button.fire()).get();
        assertEquals(1, page.pressed, "the handler is the page's");
    }
}
