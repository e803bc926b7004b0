package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepTest {
    @Test
    void declarationOrderPutsEveryStepAfterWhatItNeeds() {
        Set<Step> seen = EnumSet.noneOf(Step.class);
        for (Step s : Step.topological()) {
            assertTrue(seen.containsAll(s.needs()), s + " comes before what it needs");
            seen.add(s);
        }
    }

    @Test
    void theTutorialOrderIsAValidSequence() {
        Set<Step> seen = EnumSet.noneOf(Step.class);
        for (Step s : Step.TUTORIAL_ORDER) {
            assertTrue(seen.containsAll(s.needs()), s + " comes before what it needs");
            seen.add(s);
        }
        assertEquals(EnumSet.allOf(Step.class), seen);
    }

    @Test
    void criticalPathIsTheLongestChain() {
        Map<Step, Long> cost = new EnumMap<>(Step.class);
        for (Step s : Step.values()) {
            cost.put(s, 1L);
        }
        // identity → policy → attachment → instance is 4 steps; so is network → group → instance plus one
        assertEquals(4, Step.criticalPath(cost));
        cost.put(Step.INSTANCE, 10L);
        assertEquals(13, Step.criticalPath(cost));
    }

    @Test
    void teardownNeverDeletesSomethingBeforeWhatDependsOnIt() {
        for (ResourceKind k : TeardownOrder.ORDER) {
            int at = TeardownOrder.ORDER.indexOf(k);
            for (ResourceKind first : TeardownOrder.mustGoFirst(k)) {
                assertTrue(TeardownOrder.ORDER.indexOf(first) < at, first + " must go before " + k);
            }
        }
        assertEquals(EnumSet.allOf(ResourceKind.class), EnumSet.copyOf(TeardownOrder.ORDER));
    }
}
