package dev.rolelab.run;

/**
 * The IAM policy simulator's answer for one action, in the words the wizard's Verify page and the CLI
 * both show. AWS answers {@code allowed}, {@code implicitDeny} (no statement allows it) or
 * {@code explicitDeny} (a Deny statement matched).
 */
public enum Decision {
    ALLOWED("allowed"),
    DENIED("denied"),
    DENIED_EXPLICITLY("denied (explicitly)");

    private final String words;

    Decision(String words) {
        this.words = words;
    }

    /** The simulator's EvalDecision as RoleLab words it; anything but {@code allowed} is a denial, as AWS treats it. */
    public static Decision of(String evalDecision) {
        if ("allowed".equals(evalDecision)) {
            return ALLOWED;
        }
        return "explicitDeny".equals(evalDecision) ? DENIED_EXPLICITLY : DENIED;
    }

    public boolean allowed() {
        return this == ALLOWED;
    }

    /** "allowed", "denied", "denied (explicitly)". */
    public String words() {
        return words;
    }
}
