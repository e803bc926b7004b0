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
    private static final Pattern SUBNET = Pattern.compile("subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})");
    /** What every AWS region id looks like (us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-7). */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+){1,2}-\\d{1,2}");
    /** Control characters (newline and ESC included), format characters (bidi overrides) and line separators. */
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    /** The widest source range RoleLab opens without explicit consent: a /8 (IPv4) or a /32 (IPv6). */
    public static final int WIDEST_IPV4_PREFIX = 8;
    public static final int WIDEST_IPV6_PREFIX = 32;

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
        beyondThePermissionsPolicy(spec.instanceType()).ifPresent(out::add);
        subnet(spec.subnet()).ifPresent(out::add);
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

    /** Whether {@code text} has the shape of a region id (us-east-1): nothing else may become part of an endpoint's host. */
    public static boolean isRegionId(String text) {
        return text != null && REGION.matcher(text).matches();
    }

    /** The one region check: the shape of a region id, then the regions this version knows. */
    public Optional<Problem> region(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            return Optional.of(Problem.error("region", shown(region) + " is not an AWS region id (lowercase, like us-east-1 or eu-west-1)"));
        }
        if (knownRegions.contains(region)) {
            return Optional.empty();
        }
        return Optional.of(Problem.error("region", "'" + region + "' is not an AWS region this version of RoleLab knows (e.g. us-east-1, eu-west-1)"));
    }

    /** A subnet id as EC2 writes it: subnet- and 8 or 17 lowercase hex digits; null means the default VPC's. */
    public static Optional<Problem> subnet(String subnet) {
        if (subnet == null || SUBNET.matcher(subnet).matches()) {
            return Optional.empty();
        }
        return Optional.of(Problem.error("subnet", shown(subnet) + " is not a subnet id (subnet- and 8 or 17 hex digits, e.g. subnet-0a1b2c3d4e5f67890)"));
    }

    /**
     * A value as it may be shown on one line of a message: quoted, with control characters, escape sequences
     * and other invisible characters written as a backslash, u and four hex digits (so a value can never start a line of its own or
     * recolour the terminal), and cut after 80 characters.
     */
    public static String shown(String value) {
        if (value == null) {
            return "(nothing)";
        }
        StringBuilder b = new StringBuilder("'");
        int n = 0;
        for (int i = 0; i < value.length() && n < 80; n++) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (UNSAFE.matcher(new String(Character.toChars(cp))).matches()) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        }
        if (value.codePointCount(0, value.length()) > 80) {
            b.append("…");
        }
        return b.append("'").toString();
    }

    /** Characters as AWS counts them: Unicode code points, not Java's UTF-16 units. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** A name must not carry control characters, newlines, escape sequences or invisible format characters. */
    private static Optional<Problem> unsafe(String field, String name) {
        if (UNSAFE.matcher(name).find()) {
            return Optional.of(Problem.error(field, shown(name) + " contains a control character, a line break, an escape "
                    + "sequence or an invisible formatting character; use visible characters only"));
        }
        return Optional.empty();
    }

    public static List<Problem> cidr(String text, boolean openConfirmed) {
        Cidr.Parsed parsed = Cidr.parse(text);
        if (parsed.invalid() != null) {
            String hint = parsed.invalid().suggestion() == null ? "" : " (did you mean " + parsed.invalid().suggestion() + "?)";
            String reason = parsed.invalid().reason();
            // a reason that quotes the address itself reads on its own ("'…/33' '…' is not an IPv4…" was garbled)
            return List.of(Problem.error("cidr", (reason.startsWith("'") ? "" : shown(text) + " ") + reason + hint));
        }
        Cidr c = parsed.cidr();
        List<Problem> out = new ArrayList<>(width(c, openConfirmed));
        if (c.ipv6()) {
            out.add(ipv6Refused(c));
        }
        return out;
    }

    /**
     * An IPv6 source cannot reach the instance: it gets only a public IPv4 address (the default VPC's subnets have
     * no IPv6), so SSH would time out after minutes instead of failing now.
     */
    static Problem ipv6Refused(Cidr c) {
        return Problem.error("cidr", c + " is an IPv6 range, but the instance gets only a public IPv4 address "
                + "(the default VPC's subnets have no IPv6), so SSH from it could never connect; use this computer's IPv4 address "
                + "as /32, e.g. 203.0.113.7/32 (`curl -4 https://checkip.amazonaws.com` shows it)");
    }

    private static List<Problem> width(Cidr c, boolean openConfirmed) {
        if (c.everywhere()) {
            return List.of(openConfirmed
                    ? Problem.warning("cidr", c + " lets anyone on the internet try to log in over SSH")
                    : Problem.error("cidr", c + " opens SSH to the whole internet; use your own IP as /"
                            + c.maxPrefix() + ", or confirm explicitly (--yes-open-ssh)"));
        }
        if (c.prefix() < (c.ipv6() ? WIDEST_IPV6_PREFIX : WIDEST_IPV4_PREFIX)) {
            // wider than a /8 (IPv4) or a /32 (IPv6) is a good part of the internet: the same consent as /0
            String size = c.ipv6() ? "1/" + (1L << c.prefix()) + " of the IPv6 internet" : "1/" + (1L << c.prefix()) + " of the IPv4 internet ("
                    + (1L << (32 - c.prefix())) + " addresses)";
            return List.of(openConfirmed
                    ? Problem.warning("cidr", c + " lets " + size + " try to log in over SSH")
                    : Problem.error("cidr", c + " opens SSH to " + size + "; ranges wider than /" + WIDEST_IPV4_PREFIX + " (IPv4) or /"
                            + WIDEST_IPV6_PREFIX + " (IPv6) need the same explicit consent as the whole internet (--yes-open-ssh); "
                            + "use your own IP as /" + c.maxPrefix() + " instead"));
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

    /**
     * A valid type that the policy of {@code rolelab permissions} does not let the person launch: allowed (a
     * broader policy, or a trainer's free-plan demo, may want it) but said now, not met at RunInstances after
     * everything else exists.
     */
    public static Optional<Problem> beyondThePermissionsPolicy(String type) {
        if (!INSTANCE_TYPE.matcher(type).matches() || RunnerPolicy.INSTANCE_TYPES.contains(type)) {
            return Optional.empty();
        }
        return Optional.of(Problem.warning("instance-type", type + " is not one of the types the policy of `rolelab permissions` allows ("
                + String.join(", ", RunnerPolicy.INSTANCE_TYPES) + "); with that policy EC2 refuses the launch (UnauthorizedOperation)"
                + " after the rest of the lab exists. Choose one of those, or make sure your own permissions allow " + type));
    }

    public static Optional<Problem> repository(String name) {
        if (length(name) < 2 || length(name) > 256) {
            return Optional.of(Problem.error("repository", "must be 2 to 256 characters long (it is " + length(name) + ")"));
        }
        if (!ECR_REPOSITORY.matcher(name).matches()) {
            return Optional.of(Problem.error("repository", shown(name) + " must be lowercase letters and digits, separated by single '.', '_', '-' or '/' (e.g. ec2-ecr-test)"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> iamName(String field, String name, int maxLength) {
        if (name.isEmpty() || length(name) > maxLength) {
            return Optional.of(Problem.error(field, "must be 1 to " + maxLength + " characters long (it is " + length(name) + ")"));
        }
        if (!IAM_NAME.matcher(name).matches()) {
            return Optional.of(Problem.error(field, shown(name) + " may use only letters, digits and + = , . @ _ -"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> securityGroup(String name) {
        if (name.isEmpty() || length(name) > 255) {
            return Optional.of(Problem.error("security-group", "must be 1 to 255 characters long (it is " + length(name) + ")"));
        }
        if (name.regionMatches(true, 0, "sg-", 0, 3)) {
            return Optional.of(Problem.error("security-group", shown(name) + " must not start with sg- (AWS reserves it for group ids)"));
        }
        if (!SG_NAME.matcher(name).matches()) {
            return Optional.of(Problem.error("security-group", shown(name) + " may use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> instanceName(String name) {
        if (name.isEmpty() || length(name) > 256) {
            return Optional.of(Problem.error("instance-name", "must be 1 to 256 characters long (it is " + length(name) + ")"));
        }
        Optional<Problem> unsafe = unsafe("instance-name", name);
        if (unsafe.isPresent()) {
            return unsafe;
        }
        if (name.regionMatches(true, 0, "aws:", 0, 4)) {
            return Optional.of(Problem.error("instance-name", "must not start with aws: (AWS reserves it)"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> keyPair(String name) {
        if (name.isEmpty() || length(name) > 255) {
            return Optional.of(Problem.error("key", "the key pair name must be 1 to 255 characters long (it is " + length(name) + ")"));
        }
        if (!PRINTABLE_ASCII.matcher(name).matches()) {
            return Optional.of(Problem.error("key", "the key pair name " + shown(name) + " may use printable ASCII characters only"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> image(String name) {
        if (name.isEmpty() || length(name) > 255) {
            return Optional.of(Problem.error("image", "must be 1 to 255 characters long (it is " + length(name) + ")"));
        }
        if (!IMAGE.matcher(name).matches()) {
            return Optional.of(Problem.error("image", shown(name) + " must be lowercase letters and digits, separated by '.', '_', '__' or '-' (Docker's rule), e.g. hello-test"));
        }
        return Optional.empty();
    }

    public static Optional<Problem> tag(String tag) {
        if (!TAG.matcher(tag).matches()) {
            return Optional.of(Problem.error("tag", shown(tag) + " must start with a letter, digit or _, then up to 127 letters, digits, '_', '.' or '-' (e.g. v1)"));
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
