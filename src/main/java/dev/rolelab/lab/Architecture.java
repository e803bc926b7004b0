package dev.rolelab.lab;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The processor architecture an instance type implies, and the Amazon Linux 2023 image that goes with it. */
public enum Architecture {
    X86_64("x86_64"),
    ARM64("arm64");

    private static final Pattern FAMILY = Pattern.compile("^[a-z]+\\d+([a-z-]*)$");

    private final String awsName;

    Architecture(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }

    /** The public SSM parameter holding the newest AL2023 AMI id for this architecture. */
    public String amiParameter() {
        return "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-" + awsName;
    }

    /**
     * Graviton families carry a {@code g} after the generation digit (t4g, m7gd, c6gn, im4gn);
     * a leading g (g5, the GPU family) does not count.
     */
    public static Architecture of(String instanceType) {
        String family = instanceType.toLowerCase(Locale.ROOT).split("\\.", 2)[0];
        Matcher m = FAMILY.matcher(family);
        if (m.matches() && m.group(1).contains("g")) {
            return ARM64;
        }
        return X86_64;
    }
}
