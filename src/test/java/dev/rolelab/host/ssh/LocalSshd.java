package dev.rolelab.host.ssh;

import dev.rolelab.run.KeyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A real SSH server on loopback (Apache MINA SSHD) whose exec channel runs {@code /bin/sh -c} in a
 * folder of its own, with stand-in programs first on the PATH. Public-key auth with the key it made.
 */
public final class LocalSshd implements AutoCloseable {

    public final SshServer server;
    public final Path home;
    public final Path bin;
    public final Path clientKey;
    public final String hostKeyLine;
    public final String hostFingerprint;

    public LocalSshd(Path dir) throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        bin = Files.createDirectories(dir.resolve("bin"));
        clientKey = dir.resolve("client_ed25519");
        String publicLine = KeyFiles.generateEd25519(clientKey, "rolelab test");
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, publicLine + "\n");

        KeyPair hostKey = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        PublicKey pub = hostKey.getPublic();
        hostKeyLine = PublicKeyEntry.toString(pub);
        hostFingerprint = KeyUtils.getFingerPrint(pub);

        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorized));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new Shell(command, home, bin));
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    /** Writes an executable stand-in program into the server's PATH. */
    public void standIn(String name, String script) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + script);
        p.toFile().setExecutable(true);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** {@code /bin/sh -c command}, its streams pumped to and from the channel as they flow. */
    static final class Shell implements Command {
        private final String command;
        private final Path cwd;
        private final Path bin;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        Shell(String command, Path cwd, Path bin) {
            this.command = command;
            this.cwd = cwd;
            this.bin = bin;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", command)).directory(cwd.toFile());
            Map<String, String> e = new HashMap<>(pb.environment());
            e.put("PATH", bin + ":" + e.getOrDefault("PATH", "/usr/bin:/bin"));
            e.put("HOME", cwd.toString());
            pb.environment().clear();
            pb.environment().putAll(e);
            process = pb.start();
            Thread feed = new Thread(() -> copy(in, process.getOutputStream(), true), "sshd-stdin");
            Thread o = new Thread(() -> copy(process.getInputStream(), out, false), "sshd-stdout");
            Thread r = new Thread(() -> copy(process.getErrorStream(), err, false), "sshd-stderr");
            feed.setDaemon(true);
            feed.start();
            o.start();
            r.start();
            Thread waiter = new Thread(() -> {
                try {
                    int code = process.waitFor();
                    o.join();
                    r.join();
                    exit.onExit(code);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }, "sshd-exit");
            waiter.setDaemon(true);
            waiter.start();
        }

        private static void copy(InputStream from, OutputStream to, boolean closeTo) {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the other side went away
            } finally {
                if (closeTo) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // nothing more to send
                    }
                }
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
