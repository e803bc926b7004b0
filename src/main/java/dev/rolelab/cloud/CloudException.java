package dev.rolelab.cloud;

/**
 * AWS (or the practice cloud) refused or failed, worded for a person: what happened, the likely reason,
 * what to do. The AWS error code and the call are kept for the log and for tests. Never carries a secret.
 */
public class CloudException extends RuntimeException {

    /** What kind of trouble, so callers can react (retry, suggest a name, ask to sign in). */
    public enum Kind { CLASH, ACCESS_DENIED, CREDENTIALS, CAPACITY, NOT_FOUND, CONFLICT, THROTTLED, NO_DEFAULT_VPC, NETWORK, INVALID, OTHER,
        /** the account cannot do this yet or at all: region not enabled, still being verified, free plan, blocked */
        ACCOUNT,
        /** a quota is reached (IAM LimitExceeded, vCPUs): retrying does not help, freeing or raising it does */
        QUOTA,
        /** this computer's clock is off, so AWS rejects the request's signature as expired */
        CLOCK }

    private final Kind kind;
    private final String code;
    private final String operation;
    private final String hint;

    public CloudException(Kind kind, String code, String operation, String message, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.operation = operation;
        this.hint = hint;
    }

    public Kind kind() {
        return kind;
    }

    /** The AWS error code, e.g. {@code AccessDenied} or {@code InvalidParameterValue}. */
    public String code() {
        return code;
    }

    /** The call, as an IAM action: {@code iam:CreateRole}. */
    public String operation() {
        return operation;
    }

    /** What the user can do about it. */
    public String hint() {
        return hint;
    }

    /** The full sentence for a person: message, AWS code and call, and the hint. */
    public String describe() {
        StringBuilder sb = new StringBuilder(getMessage());
        if (code != null || operation != null) {
            sb.append(" [").append(code == null ? "" : code)
              .append(code != null && operation != null ? " from " : "")
              .append(operation == null ? "" : operation).append(']');
        }
        if (hint != null && !hint.isBlank()) {
            sb.append("\n  What to do: ").append(hint);
        }
        return sb.toString();
    }
}
