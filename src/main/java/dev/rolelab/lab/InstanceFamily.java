package dev.rolelab.lab;

import java.util.Locale;
import java.util.Set;

/** What an instance type's family implies for the lab: CPU credits, and the hypervisor it runs on. */
public final class InstanceFamily {

    /** The burstable families: only these take a CreditSpecification (EC2 refuses it for any other type). */
    private static final Set<String> BURSTABLE = Set.of("t2", "t3", "t3a", "t4g");

    /**
     * Families on the Xen hypervisor rather than the Nitro System (EC2 User Guide, "Instances built on the
     * AWS Nitro System": current Xen types C3, C4, D2, G3, H1, I2, I3, M4, P2, P3, R4, T2, X1, X1e, plus the
     * previous generation). Their console output is buffered only, refreshed at boot and shutdown.
     */
    private static final Set<String> XEN = Set.of("t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4", "cc2", "cg1", "cr1",
            "d2", "g2", "g3", "g3s", "h1", "hi1", "hs1", "i2", "i3", "p2", "p3", "r3", "r4", "x1", "x1e");

    private InstanceFamily() { }

    /** The family part of a type: {@code t3a} of {@code t3a.micro}. */
    public static String of(String instanceType) {
        return instanceType.toLowerCase(Locale.ROOT).split("\\.", 2)[0];
    }

    /** Whether the type earns and spends CPU credits (t2, t3, t3a, t4g), so RoleLab asks for standard credits. */
    public static boolean burstable(String instanceType) {
        return BURSTABLE.contains(of(instanceType));
    }

    /**
     * Whether the type runs on Xen, not Nitro: EC2 has no live console buffer for it ({@code Latest=true} is
     * refused), so the host keys the instance prints can take many minutes to become visible. Metal sizes
     * and p3dn are Nitro.
     */
    public static boolean xen(String instanceType) {
        String type = instanceType.toLowerCase(Locale.ROOT);
        if (type.endsWith(".metal") || type.startsWith("p3dn.")) {
            return false;
        }
        return XEN.contains(of(type));
    }
}
