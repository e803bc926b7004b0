package dev.rolelab.practice;

import dev.rolelab.host.Host;
import dev.rolelab.host.HostException;
import dev.rolelab.host.HostKeyTrust;
import dev.rolelab.host.HostKeys;
import dev.rolelab.host.Hosts;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sessions on a simulated instance: plausible output at a realistic pace, effects on the practice
 * cloud (a push makes the image appear), faults on request. Every command's output starts by saying
 * it is a simulation.
 */
public final class PracticeHosts implements Hosts {

    private final PracticeCloud cloud;
    private final Duration lineDelay;
    private final PracticeHost.Machine machine = new PracticeHost.Machine();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private volatile String dropAt;

    /** @param lineDelay the pause between simulated output lines (zero for tests) */
    public PracticeHosts(PracticeCloud cloud, Duration lineDelay) {
        this.cloud = cloud;
        this.lineDelay = lineDelay;
    }

    /** Makes the next run of the command starting with {@code commandPrefix} exit with {@code status}. */
    public PracticeHosts failOnce(String commandPrefix, int status) {
        failures.put(commandPrefix, status);
        return this;
    }

    /** Makes the connection drop during the next command starting with {@code commandPrefix}. */
    public PracticeHosts dropOnce(String commandPrefix) {
        dropAt = commandPrefix;
        return this;
    }

    Integer takeFailure(String command) {
        for (String prefix : failures.keySet()) {
            if (command.startsWith(prefix)) {
                return failures.remove(prefix);
            }
        }
        return null;
    }

    boolean takeDrop(String command) {
        String d = dropAt;
        if (d != null && command.startsWith(d)) {
            dropAt = null;
            return true;
        }
        return false;
    }

    @Override
    public void awaitSsh(String address, int port, Duration deadline, Consumer<String> progress, BooleanSupplier cancelled) {
        progress.accept("waiting for SSH on " + address + ":" + port + " (practice: sshd is starting)");
        PracticeHost.pause(lineDelay.multipliedBy(10));
        if (cancelled.getAsBoolean()) {
            throw new HostException(HostException.Kind.CANCELLED, "cancelled", null);
        }
    }

    @Override
    public Host open(Target target) {
        String fingerprint = HostKeys.fingerprint(Base64.getDecoder().decode(PracticeCloud.HOST_KEY.split(" ")[1]));
        HostKeyTrust.Verdict v = target.trust().judge(fingerprint);
        if (v == HostKeyTrust.Verdict.MISMATCH) {
            throw new HostException(HostException.Kind.HOST_KEY_MISMATCH, "WARNING: the host key " + fingerprint + " is not the one the instance printed", null);
        }
        if (v == HostKeyTrust.Verdict.REFUSED) {
            throw new HostException(HostException.Kind.HOST_KEY_UNTRUSTED, "the host key " + fingerprint + " was not confirmed", null);
        }
        return new PracticeHost(this, cloud, machine, lineDelay, target.address());
    }
}
