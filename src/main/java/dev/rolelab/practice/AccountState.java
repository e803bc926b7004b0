package dev.rolelab.practice;

import java.util.Set;

/**
 * The simulated account's standing and quotas, so a trainer can show what a new or limited AWS account
 * meets: an account still being verified, a free-plan account, a vCPU or IAM quota reached.
 *
 * @param standing   what AWS lets the account do
 * @param vcpuLimit  vCPUs of running on-demand instances the account may have (AWS: "Running On-Demand
 *                   Standard instances", 32 on many new accounts)
 * @param iamLimit   roles, customer managed policies and instance profiles the account may have, each
 *                   (AWS: 1000 roles, 1500 policies, 1000 instance profiles)
 */
public record AccountState(Standing standing, int vcpuLimit, int iamLimit) {

    public enum Standing {
        /** A verified account on a paid plan. */
        ACTIVE,
        /** Sign-up not yet verified: RunInstances answers PendingVerification. */
        PENDING_VERIFICATION,
        /** The free plan: only free-tier-eligible instance types. */
        FREE_PLAN
    }

    /** AWS's default quotas, verified account. */
    public static final AccountState ACTIVE = new AccountState(Standing.ACTIVE, 32, 0);

    /** Instance types `aws ec2 describe-instance-types --filters Name=free-tier-eligible,Values=true` lists (2025 free plan). */
    public static final Set<String> FREE_TIER_TYPES = Set.of("t3.micro", "t3.small", "t4g.micro", "t4g.small",
            "c7i-flex.large", "m7i-flex.large");

    public AccountState withStanding(Standing value) {
        return new AccountState(value, vcpuLimit, iamLimit);
    }

    public AccountState withVcpuLimit(int value) {
        return new AccountState(standing, value, iamLimit);
    }

    /** @param value the quota for each of roles, policies and instance profiles (0: AWS's defaults) */
    public AccountState withIamLimit(int value) {
        return new AccountState(standing, vcpuLimit, value);
    }

    int roleLimit() {
        return iamLimit > 0 ? iamLimit : 1000;
    }

    int policyLimit() {
        return iamLimit > 0 ? iamLimit : 1500;
    }

    int instanceProfileLimit() {
        return iamLimit > 0 ? iamLimit : 1000;
    }

    /** vCPUs of an instance type, as EC2 counts them for the quota (burstable nano to medium: 2; t2 up to small: 1). */
    static int vcpus(String instanceType) {
        String size = instanceType.substring(instanceType.indexOf('.') + 1);
        if (instanceType.startsWith("t2.") && Set.of("nano", "micro", "small").contains(size)) {
            return 1;
        }
        if (size.startsWith("metal")) {
            // a whole host: m5.metal and c5.metal have 96 vCPUs, m7g.metal 64, u-*-metal several hundred. 96 is the
            // usual case, and far past a new account's quota, as in EC2 (metal-24xl and the like name their size)
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("metal-(\\d+)xl").matcher(size);
            return m.matches() ? 4 * Integer.parseInt(m.group(1)) : 96;
        }
        if (size.endsWith("xlarge")) {
            String n = size.substring(0, size.length() - "xlarge".length());
            return n.matches("\\d+") ? 4 * Integer.parseInt(n) : 4;
        }
        return 2;
    }
}
