package dev.rolelab.host;

/**
 * One thing done on the instance, as data: what it is called, one line for learners, the exact command
 * shown to the user, and what success means.
 *
 * @param id              stable name (also the CLI's and the checklist's key)
 * @param command         the shell command, exactly as shown; never holds a secret
 * @param upload          for a file step: the file's content, sent through stdin (null otherwise)
 * @param expectInOutput  success also needs this text in the output (null: the exit status alone)
 * @param freshSession    open a new SSH session after this step (a group membership applies only then)
 */
public record RemoteStep(String id, String title, String explanation, String command, byte[] upload,
                         String expectInOutput, boolean freshSession) {

    public boolean succeeded(int exitStatus, boolean sawExpected) {
        return exitStatus == 0 && (expectInOutput == null || sawExpected);
    }

    /** What success means, in words. */
    public String successMeans() {
        return "exit status 0" + (expectInOutput == null ? "" : " and the output shows \"" + expectInOutput + "\"");
    }
}
