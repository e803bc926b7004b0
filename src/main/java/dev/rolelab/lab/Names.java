package dev.rolelab.lab;

/** The names of everything the lab creates; the defaults are the tutorial's. */
public record Names(String repository, String policy, String role, String instanceProfile,
                    String securityGroup, String instance, String keyPair) {

    public static Names tutorial() {
        return new Names("ec2-ecr-test", "ECRContainerise", "containerise", "containerise",
                "ec2-ecr-test", "ec2-ecr-test", "rolelab-ec2-ecr-test");
    }

    public String of(ResourceKind kind) {
        return switch (kind) {
            case REPOSITORY -> repository;
            case POLICY -> policy;
            case ROLE -> role;
            case INSTANCE_PROFILE -> instanceProfile;
            case SECURITY_GROUP -> securityGroup;
            case INSTANCE -> instance;
            case KEY_PAIR -> keyPair;
            default -> throw new IllegalArgumentException(kind + " has no name of its own");
        };
    }

    public Names with(ResourceKind kind, String name) {
        return new Names(
                kind == ResourceKind.REPOSITORY ? name : repository,
                kind == ResourceKind.POLICY ? name : policy,
                kind == ResourceKind.ROLE ? name : role,
                kind == ResourceKind.INSTANCE_PROFILE ? name : instanceProfile,
                kind == ResourceKind.SECURITY_GROUP ? name : securityGroup,
                kind == ResourceKind.INSTANCE ? name : instance,
                kind == ResourceKind.KEY_PAIR ? name : keyPair);
    }
}
