package dev.rolelab.host.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import dev.rolelab.host.HostKeyTrust;
import dev.rolelab.host.HostKeys;

/** JSch's view of {@link HostKeyTrust}: nothing is written to a known_hosts file. */
final class TrustedKeys implements HostKeyRepository {

    private final HostKeyTrust trust;
    volatile HostKeyTrust.Verdict verdict;
    volatile String presented;

    TrustedKeys(HostKeyTrust trust) {
        this.trust = trust;
    }

    @Override
    public int check(String host, byte[] key) {
        presented = HostKeys.fingerprint(key);
        verdict = trust.judge(presented);
        return switch (verdict) {
            case TRUSTED -> OK;
            case MISMATCH -> CHANGED;
            case REFUSED -> NOT_INCLUDED;
        };
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // trust lives in the lab, not in a file
    }

    @Override
    public void remove(String host, String type) {
    }

    @Override
    public void remove(String host, String type, byte[] key) {
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return "RoleLab: keys the instance printed on its console";
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[0];
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return new HostKey[0];
    }
}
