package dev.rolelab.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Opens sessions on instances: the port the remote workflow uses (SSH, or the practice host). */
public interface Hosts {

    /** Where and as whom to log in. The private key stays in its file; only its path travels. */
    record Target(String address, int port, String user, Path privateKey, HostKeyTrust trust) { }

    /**
     * Waits until an SSH server answers at the address (TCP connect, then its banner), with backoff,
     * until {@code deadline}; {@code progress} hears what is awaited and for how long.
     */
    void awaitSsh(String address, int port, Duration deadline, Consumer<String> progress, BooleanSupplier cancelled);

    Host open(Target target);
}
