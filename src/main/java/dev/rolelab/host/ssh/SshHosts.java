package dev.rolelab.host.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.rolelab.host.Host;
import dev.rolelab.host.HostException;
import dev.rolelab.host.HostKeyTrust;
import dev.rolelab.host.Hosts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** SSH with JSch: the host key checked against what the instance vouched for, public-key auth only. */
public final class SshHosts implements Hosts {

    private final Duration firstPause;

    public SshHosts() {
        this(Duration.ofSeconds(1));
    }

    /** @param firstPause the first pause between readiness probes (tests shorten it) */
    public SshHosts(Duration firstPause) {
        this.firstPause = firstPause;
    }

    @Override
    public void awaitSsh(String address, int port, Duration deadline, Consumer<String> progress, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        long pause = Math.max(1, firstPause.toMillis());
        while (true) {
            String why = probe(address, port);
            if (why == null) {
                return;
            }
            long waited = (System.nanoTime() - start) / 1_000_000_000L;
            if (System.nanoTime() + pause * 1_000_000 > end) {
                throw new HostException(HostException.Kind.UNREACHABLE, "SSH on " + address + ":" + port + " did not answer within "
                        + deadline.toSeconds() + " s (" + why + "); check that the security group allows your current IP", null);
            }
            progress.accept("waiting for SSH on " + address + ":" + port + " (" + why + "), " + waited + " s of up to " + deadline.toSeconds() + " s");
            if (cancelled.getAsBoolean()) {
                throw new HostException(HostException.Kind.CANCELLED, "cancelled", null);
            }
            try {
                Thread.sleep(pause); // a named, bounded wait: sshd starting on a booting instance
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostException(HostException.Kind.CANCELLED, "cancelled", e);
            }
            pause = Math.min(pause * 2, 5_000);
        }
    }

    /** Null when an SSH server answered with its banner; otherwise why not. */
    static String probe(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 3_000);
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            byte[] banner = new byte[4];
            int n = in.readNBytes(banner, 0, 4);
            return n == 4 && "SSH-".equals(new String(banner, StandardCharsets.US_ASCII)) ? null : "no SSH banner yet";
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().toLowerCase();
        }
    }

    @Override
    public Host open(Target target) {
        JSch jsch = new JSch();
        TrustedKeys keys = new TrustedKeys(target.trust());
        try {
            jsch.addIdentity(target.privateKey().toString());
            jsch.setHostKeyRepository(keys);
            Session session = jsch.getSession(target.user(), target.address(), target.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setServerAliveInterval(15_000);
            session.setServerAliveCountMax(4);
            session.connect(20_000);
            return new SshHost(session);
        } catch (JSchException e) {
            throw translate(e, keys, target);
        }
    }

    private static HostException translate(JSchException e, TrustedKeys keys, Target target) {
        if (keys.verdict == HostKeyTrust.Verdict.MISMATCH) {
            return new HostException(HostException.Kind.HOST_KEY_MISMATCH, "WARNING: " + target.address() + " presented host key "
                    + keys.presented + ", which is not one the instance printed on its console (" + String.join(", ", target.trust().vouched())
                    + "). Something may be intercepting the connection; RoleLab refused to connect.", e);
        }
        if (keys.verdict == HostKeyTrust.Verdict.REFUSED) {
            return new HostException(HostException.Kind.HOST_KEY_UNTRUSTED, "the host key " + keys.presented + " of " + target.address()
                    + " was not confirmed, so RoleLab did not connect", e);
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("Auth fail") || m.contains("auth")) {
            return new HostException(HostException.Kind.AUTH, "the instance refused the key " + target.privateKey().getFileName()
                    + " for " + target.user() + "; is it the private half of the lab's key pair?", e);
        }
        if (m.contains("invalid privatekey") || m.contains("privatekey")) {
            return new HostException(HostException.Kind.AUTH, "cannot use the private key file " + target.privateKey()
                    + " (not a key JSch can read, or protected by a passphrase)", e);
        }
        return new HostException(HostException.Kind.UNREACHABLE, "could not open SSH to " + target.address() + ":" + target.port() + " (" + m + ")", e);
    }
}
