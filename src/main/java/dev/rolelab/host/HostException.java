package dev.rolelab.host;

/** The instance could not be reached, refused us, or went away; worded for a person, never with a secret. */
public class HostException extends RuntimeException {

    public enum Kind { UNREACHABLE, AUTH, HOST_KEY_MISMATCH, HOST_KEY_UNTRUSTED, DISCONNECTED, CANCELLED, OTHER }

    private final Kind kind;

    public HostException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
