package dev.rolelab.host;

/**
 * One SSH session on the lab's instance (or the practice host). Commands run one at a time; their
 * output streams to the caller as it arrives, so memory does not grow with it.
 */
public interface Host extends AutoCloseable {

    /**
     * Runs {@code command} through the remote shell.
     *
     * @param stdin  bytes written to the command's standard input, then closed (null: none). This is how
     *               secrets and file contents travel: never on a command line.
     * @return the exit status
     * @throws HostException if the connection drops or the run is cancelled
     */
    int run(String command, byte[] stdin, Output output);

    /** Writes a small file (the Dockerfile) byte for byte. */
    void upload(String remotePath, byte[] content);

    /** From another thread: ends the running command and the session at once. */
    void cancel();

    @Override
    void close();
}
