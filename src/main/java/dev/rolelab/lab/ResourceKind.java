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

    /** The title after "a" or "an", as it is spoken: an ECR repository, an instance profile, an IAM role, a key pair. */
    public String titleWithArticle() {
        return withArticle(title);
    }

    /** "a" or "an" before {@code noun}, by its sound: vowels, and initialisms read letter by letter from F, H, L, M, N, R, S, X. */
    public static String withArticle(String noun) {
        if (noun.isEmpty()) {
            return noun;
        }
        char first = noun.charAt(0);
        boolean initialism = noun.length() > 1 && Character.isUpperCase(first) && (Character.isUpperCase(noun.charAt(1)) || Character.isDigit(noun.charAt(1)));
        boolean vowelSound = "aeiouAEIOU".indexOf(first) >= 0 || (initialism && "FHLMNRSX".indexOf(first) >= 0);
        return (vowelSound ? "an " : "a ") + noun;
    }

    /** Whether the user picks its name (and so a clash is possible). */
    public boolean named() {
        return named;
    }
}
