package dev.rolelab.cli;

/** What {@code rolelab} returns, for scripts. */
public final class ExitCodes {
    public static final int DONE = 0;
    public static final int INVALID_INPUT = 2;
    public static final int CLOUD_FAILED = 3;
    public static final int REMOTE_FAILED = 4;
    public static final int CANCELLED = 130;

    private ExitCodes() { }
}
