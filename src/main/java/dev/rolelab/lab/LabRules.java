package dev.rolelab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every field checked by AWS's and Docker's own rules. Field names are the CLI options' (without dashes),
 * so a message reads the same in the wizard and on stderr.
 */
public final class LabRules {

    private static final Pattern ECR_REPOSITORY = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern SG_NAME = Pattern.compile("[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]+");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern FROM = Pattern.compile("(?im)^\\s*FROM\\s+\\S+");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7e]+");

    private final Set<String> knownRegions;

    /** @param knownRegions the regions the AWS SDK knows (the adapters supply them; this layer does not import the SDK) */
    public LabRules(Set<String> knownRegions) {
        this.knownRegions = Set.copyOf(knownRegions);
    }

    public List<Problem> check(LabSpec spec) {
        List<Problem> out = new ArrayList<>();
        region(spec.region()).ifPresent(out::add);
        out.addAll(cidr(spec.sshCidr(), spec.cidrOpenConfirmed()));
        instanceType(spec.instanceType()).ifPresent(out::add);
        Names n = spec.names();
        repository(n.repository()).ifPresent(out::add);
        iamName("policy", n.policy(), 128).ifPresent(out::add);
        iamName("role", n.role(), 64).ifPresent(out::add);
        iamName("instance-profile", n.instanceProfile(), 128).ifPresent(out::add);
        securityGroup(n.securityGroup()).ifPresent(out::add);
        instanceName(n.instance()).ifPresent(out::add);
        keyPair(spec.key().name()).ifPresent(out::add);
        image(spec.image()).ifPresent(out::add);
        tag(spec.tag()).ifPresent(out::add);
        dockerfile(spec.dockerfile()).ifPresent(out::add);
        return out;
    }

    public static boolean hasErrors(List<Problem> problems) {
        return problems.stream().anyMatch(Problem::isError);
    }

    public Optional<Problem> region(String region) {
        if (knownRegions.contains(region)) {
            return Optional.empty();
        }
        return Optional.of(Problem.error("region", "'" + region + "' is not an AWS region this version of RoleLab knows (e.g. us-east-1, eu-west-1)"));
    }

    public static List<Problem> cidr(String text, boolean openConfirmed) {
        Cidr.Parsed parsed = Cidr.parse(text);
        if (parsed.invalid() != null) {
            String hint = parsed.invalid().suggestion() == null ? "" : " (did you mean " + parsed.invalid().suggestion() + "?)";
            String reason = parsed.invalid().reason();
            // a reason that quotes the address itself reads on its own ("'…/33' '…' is not an IPv4…" was garbled)
            return List.of(Problem.error("cidr", (reason.startsWith("'") ? "" : "'" + text + "' ") + reason + hint));
        }
        Cidr c = parsed.cidr();
        if (c.everywhere()) {
            return List.of(openConfirmed
                    ? Problem.warning("cidr", c + " lets anyone on the internet try to log in over SSH")
                    : Problem.error("cidr", c + " opens SSH to the whole internet; use your own IP as /"
                            + c.maxPrefix() + ", or confirm explicitly (--yes-open-ssh)"));
        }
        if (!c.singleAddress()) {
            long size = c.ipv6() ? -1 : 1L << (32 - c.prefix());
            return List.of(Problem.warning("cidr", c + " allows SSH from " + (size > 0 ? size + " addresses" : "a whole IPv6 range")
                    + "; one address (/" + c.maxPrefix() + ") is safer"));
        }
        return List.of();
    }

    public static Optional<Problem> instanceType(String type) {
        if (type.isEmpty() || !INSTANCE_TYPE.matcher(type).matches()) {
            return Optional.of(Problem.error("instance-type", "'" + type + "' is not an instance type (family.size, e.g. t3.micro or t4g.micro)"));
        }
        if (type.endsWith(".nano")) {
            return Optional.of(Problem.warning("instance-type", type + " has 0.5 GiB of memory; dnf on Amazon Linux 2023 is often killed for lack of memory there, t3.micro is the tested choice"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> repository(String name) {
        if (name.length() < 2 || name.length() > 256) {
            return Optional.of(Problem.error("repository", "must be 2 to 256 characters long (it is " + name.length() + ")"));
        }
        if (!ECR_REPOSITORY.matcher(name).matches()) {
            return Optional.of(Problem.error("repository", "'" + name + "' must be lowercase letters and digits, separated by single '.', '_', '-' or '/' (e.g. ec2-ecr-test)"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> iamName(String field, String name, int maxLength) {
        if (name.isEmpty() || name.length() > maxLength) {
            return Optional.of(Problem.error(field, "must be 1 to " + maxLength + " characters long (it is " + name.length() + ")"));
        }
        if (!IAM_NAME.matcher(name).matches()) {
            return Optional.of(Problem.error(field, "'" + name + "' may use only letters, digits and + = , . @ _ -"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> securityGroup(String name) {
        if (name.isEmpty() || name.length() > 255) {
            return Optional.of(Problem.error("security-group", "must be 1 to 255 characters long (it is " + name.length() + ")"));
        }
        if (name.regionMatches(true, 0, "sg-", 0, 3)) {
            return Optional.of(Problem.error("security-group", "'" + name + "' must not start with sg- (AWS reserves it for group ids)"));
        }
        if (!SG_NAME.matcher(name).matches()) {
            return Optional.of(Problem.error("security-group", "'" + name + "' may use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> instanceName(String name) {
        if (name.isEmpty() || name.length() > 256) {
            return Optional.of(Problem.error("instance-name", "must be 1 to 256 characters long (it is " + name.length() + ")"));
        }
        if (name.regionMatches(true, 0, "aws:", 0, 4)) {
            return Optional.of(Problem.error("instance-name", "must not start with aws: (AWS reserves it)"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> keyPair(String name) {
        if (name.isEmpty() || name.length() > 255) {
            return Optional.of(Problem.error("key", "the key pair name must be 1 to 255 characters long (it is " + name.length() + ")"));
        }
        if (!PRINTABLE_ASCII.matcher(name).matches()) {
            return Optional.of(Problem.error("key", "the key pair name '" + name + "' may use printable ASCII characters only"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> image(String name) {
        if (name.isEmpty() || name.length() > 255) {
            return Optional.of(Problem.error("image", "must be 1 to 255 characters long (it is " + name.length() + ")"));
        }
        if (!IMAGE.matcher(name).matches()) {
            return Optional.of(Problem.error("image", "'" + name + "' must be lowercase letters and digits, separated by '.', '_', '__' or '-' (Docker's rule), e.g. hello-test"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> tag(String tag) {
        if (!TAG.matcher(tag).matches()) {
            return Optional.of(Problem.error("tag", "'" + tag + "' must start with a letter, digit or _, then up to 127 letters, digits, '_', '.' or '-' (e.g. v1)"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> dockerfile(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(Problem.error("dockerfile", "is empty; it needs at least a FROM line, e.g. FROM alpine:latest"));
        }
        if (!FROM.matcher(text).find()) {
            return Optional.of(Problem.error("dockerfile", "has no FROM instruction; every Dockerfile starts from an image, e.g. FROM alpine:latest"));
        }
        return Optional.empty();
    }
}
