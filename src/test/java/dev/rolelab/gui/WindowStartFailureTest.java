package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Without GTK (or a display) the start command says what to install, not a stack trace. */
class WindowStartFailureTest {

    @Test
    void aMissingGtkNamesThePackage() {
        String m = WindowStartFailure.explain(new RuntimeException("Error initializing QuantumRenderer: no suitable pipeline found",
                new RuntimeException(new UnsupportedOperationException("Unable to load glass GTK library."))));
        assertTrue(m.contains("sudo apt-get install libgtk-3-0"), m);
        assertFalse(m.contains("Exception"), m);
    }

    @Test
    void noDisplaySaysSo() {
        assertTrue(WindowStartFailure.explain(new UnsupportedOperationException("Unable to open DISPLAY")).contains("no display"));
    }
}
