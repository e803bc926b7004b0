package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rolelab.cloud.CloudErrors;
import org.junit.jupiter.api.Test;

/** No exception reaches a person as a Java class name or a JDK message. */
class FailuresTest {

    @Test
    void jdkFailuresAreWordedAsRoleLabsOwnError() {
        String npe = Failures.describe(new NullPointerException("Cannot invoke \"String.length()\" because \"name\" is null"));
        assertEquals(Failures.INTERNAL, npe);
        assertEquals(Failures.INTERNAL, Failures.describe(new IllegalStateException()));
        assertEquals(Failures.INTERNAL, Failures.describe(new ArrayIndexOutOfBoundsException(3)));
        for (String s : new String[] {npe, Failures.describe(new RuntimeException((String) null))}) {
            assertFalse(s.contains("java.") || s.contains("Exception"), s);
        }
    }

    @Test
    void wordedFailuresKeepTheirWords() {
        assertEquals("the permissions policy is not valid JSON", Failures.describe(new IllegalArgumentException("the permissions policy is not valid JSON")));
        assertEquals(CloudErrors.of("Blocked", "blocked", "ec2:RunInstances", null).describe(),
                Failures.describe(CloudErrors.of("Blocked", "blocked", "ec2:RunInstances", null)));
    }
}
