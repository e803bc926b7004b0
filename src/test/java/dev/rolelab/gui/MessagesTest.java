package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rolelab.gui.util.Messages;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A person never reads an exception's class name. */
class MessagesTest {

    @Test
    void aWrappedExceptionReadsAsItsSentence() {
        RuntimeException wrapped = new RuntimeException(new IllegalStateException("the console is not available yet"));
        assertEquals("the console is not available yet", Messages.of(new CompletionException(wrapped)));
    }

    @Test
    void anExceptionWithoutAMessageSaysWhereTheDetailsAre() {
        String m = Messages.of(new NullPointerException());
        assertFalse(m.contains("NullPointerException"), m);
        assertFalse(m.contains("null"), m);
    }
}
