package dev.rolelab.lab;

/** Everything RoleLab creates, in the words the tutorial uses. */
public enum ResourceKind {
    REPOSITORY("ECR repository", true),
    POLICY("IAM permissions policy", true),
    ROLE("IAM role (trusted entity: EC2)", true),
    POLICY_ATTACHMENT("policy attached to the role", false),
    INSTANCE_PROFILE("instance profile", true),
    ROLE_IN_PROFILE("role added to the instance profile", false),
    SECURITY_GROUP("security group (SSH from your IP)", true),
    KEY_PAIR("EC2 key pair", true),
    LOCAL_KEY_FILE("private key file on this computer", false),
    INSTANCE("EC2 instance", true);

    private final String title;
    private final boolean named;

    ResourceKind(String title, boolean named) {
        this.title = title;
        this.named = named;
    }

    public String title() {
        return title;
    }

    /** Whether the user picks its name (and so a clash is possible). */
    public boolean named() {
        return named;
    }
}
