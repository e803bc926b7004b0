package dev.rolelab.gui.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/** The start-up's FXML warm-up swallows its failures, so this checks that it really loads (no toolkit needed). */
class FxmlWarmUpTest {

    @Test
    void theWarmUpDocumentLoadsIntoItsControllerWithoutTheToolkit() throws Exception {
        var warm = Fxml.warmUpDocument();
        assertNotNull(warm, "the id was injected and initialize ran");
        assertEquals("warm", warm.get());
    }
}
