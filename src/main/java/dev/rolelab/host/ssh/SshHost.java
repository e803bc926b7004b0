package dev.rolelab.host.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.rolelab.host.Host;
import dev.rolelab.host.HostException;
import dev.rolelab.host.Output;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A JSch session on the instance: commands over exec channels, output streamed as it arrives. */
final class SshHost implements Host {

    private final Session session;
    private volatile ChannelExec current;
    private volatile boolean cancelled;

    SshHost(Session session) {
        this.session = session;
    }

    @Override
    public int run(String command, byte[] stdin, Output output) {
        if (cancelled) {
            throw new HostException(HostException.Kind.CANCELLED, "cancelled", null);
        }
        ChannelExec ch;
        try {
            ch = (ChannelExec) session.openChannel("exec");
            ch.setCommand(command);
            InputStream out = ch.getInputStream();
            InputStream err = ch.getErrStream();
            OutputStream in = ch.getOutputStream();
            current = ch;
            ch.connect(15_000);
            // stderr on its own thread, stdout on this one: neither can block the other
            CompletableFuture<Void> errors = CompletableFuture.runAsync(() -> {
                try {
                    LineSplitter.pump(err, Output.Stream.STDERR, output);
                } catch (IOException e) {
                    // the channel closed under us: reported below
                }
            }, r -> {
                Thread t = new Thread(r, "ssh-stderr");
                t.setDaemon(true);
                t.start();
            });
            if (stdin != null) {
                in.write(stdin);
                in.flush();
            }
            in.close(); // EOF: the command sees the end of its input
            try {
                LineSplitter.pump(out, Output.Stream.STDOUT, output);
            } catch (IOException e) {
                // the channel closed under us: reported below
            }
            errors.get();
            // the exit status arrives with the channel's close, just after the streams end
            while (!ch.isClosed() && session.isConnected() && !cancelled) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        } catch (JSchException | IOException e) {
            throw dropped(command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new HostException(HostException.Kind.CANCELLED, "cancelled", e);
        } catch (ExecutionException e) {
            throw dropped(command, e);
        } finally {
            current = null;
        }
        if (cancelled) {
            ch.disconnect();
            throw new HostException(HostException.Kind.CANCELLED, "cancelled", null);
        }
        int status = ch.getExitStatus();
        ch.disconnect();
        if (status < 0 || !session.isConnected()) {
            throw dropped(command, null);
        }
        return status;
    }

    private HostException dropped(String command, Exception cause) {
        if (cancelled) {
            return new HostException(HostException.Kind.CANCELLED, "cancelled", cause);
        }
        String what = command.length() > 60 ? command.substring(0, 57) + "…" : command;
        return new HostException(HostException.Kind.DISCONNECTED, "the SSH connection dropped while running `" + what + "`"
                + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
                + "; the step can be run again on a new connection", cause);
    }

    @Override
    public void upload(String remotePath, byte[] content) {
        String dir = remotePath.contains("/") ? remotePath.substring(0, remotePath.lastIndexOf('/')) : ".";
        int status = run("mkdir -p " + quote(dir) + " && cat > " + quote(remotePath), content, Output.DISCARD);
        if (status != 0) {
            throw new HostException(HostException.Kind.OTHER, "could not write " + remotePath + " on the instance (exit " + status + ")", null);
        }
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public void cancel() {
        cancelled = true;
        ChannelExec ch = current;
        if (ch != null) {
            ch.disconnect();
        }
        session.disconnect();
    }

    @Override
    public void close() {
        session.disconnect();
    }
}
