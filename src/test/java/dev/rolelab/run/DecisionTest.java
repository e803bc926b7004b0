package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecisionTest {
    @Test
    void theSimulatorsThreeAnswersInWords() {
        assertEquals("allowed", Decision.of("allowed").words());
        assertTrue(Decision.of("allowed").allowed());
        assertEquals("denied", Decision.of("implicitDeny").words());
        assertEquals("denied (explicitly)", Decision.of("explicitDeny").words());
        assertFalse(Decision.of("explicitDeny").allowed());
    }

    @Test
    void anAnswerRoleLabDoesNotKnowIsADenialNeverAnAllow() {
        assertEquals(Decision.DENIED, Decision.of("Allowed"));
        assertEquals(Decision.DENIED, Decision.of(null));
    }
}
