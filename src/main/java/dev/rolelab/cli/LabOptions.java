package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.Cidr;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Names;
import dev.rolelab.lab.Problem;
import dev.rolelab.lab.ResourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What the lab should be: the options of {@code plan} and {@code up}. Defaults are the tutorial's. */
final class LabOptions {
    @Option(names = "--cidr", paramLabel = "CIDR|auto", defaultValue = "auto",
            description = "Allow SSH from this CIDR only. Default: auto, which detects your public IP and allows it as /32.")
    String cidr;

    @Option(names = "--yes-open-ssh", description = "Accept SSH from the whole internet (0.0.0.0/0) or from a range wider than /8. An IPv6 range is refused whatever this says: the instance has only an IPv4 address.")
    boolean openSsh;

    @Option(names = "--key", paramLabel = "generate|aws|existing:NAME:PATH", defaultValue = "generate",
            description = "How to get the SSH key pair: generate an ed25519 key on this computer and import it (default), "
                    + "let AWS create one, or use an existing key pair of yours and its private key file.")
    String key;

    @Option(names = "--key-name", paramLabel = "NAME", description = "Use this name for the EC2 key pair RoleLab creates or imports (default: rolelab-ec2-ecr-test).")
    String keyName;

    @Option(names = "--instance-type", paramLabel = "TYPE", defaultValue = LabSpec.DEFAULT_INSTANCE_TYPE,
            description = "Launch this instance type (default: t3.micro). An arm64 type such as t4g.micro gets the arm64 image.")
    String instanceType;

    @Option(names = "--subnet", paramLabel = "SUBNET_ID", description = "Launch the instance in this subnet instead of one in the default VPC.")
    String subnet;

    @Option(names = "--repository", paramLabel = "NAME", description = "Use this name for the ECR repository (default: ec2-ecr-test).")
    String repository;

    @Option(names = "--policy", paramLabel = "NAME", description = "Use this name for the IAM permissions policy (default: ECRContainerise).")
    String policy;

    @Option(names = "--policy-file", paramLabel = "PATH", description = "Use the permissions policy in this JSON file instead of the generated one. It is checked first: it must allow the push.")
    Path policyFile;

    @Option(names = "--role", paramLabel = "NAME", description = "Use this name for the IAM role (default: containerise).")
    String role;

    @Option(names = "--instance-profile", paramLabel = "NAME", description = "Use this name for the instance profile (default: containerise).")
    String instanceProfile;

    @Option(names = "--security-group", paramLabel = "NAME", description = "Use this name for the security group (default: ec2-ecr-test).")
    String securityGroup;

    @Option(names = "--instance-name", paramLabel = "NAME", description = "Give the instance this Name tag (default: ec2-ecr-test).")
    String instanceName;

    @Option(names = "--dockerfile", paramLabel = "PATH", description = "Build the image from this Dockerfile (default: the tutorial's image, which prints hello).")
    Path dockerfile;

    @Option(names = "--image", paramLabel = "NAME", defaultValue = LabSpec.DEFAULT_IMAGE, description = "Use this name for the image built on the instance (default: hello-test).")
    String image;

    @Option(names = "--tag", paramLabel = "TAG", defaultValue = LabSpec.DEFAULT_TAG, description = "Push the image to ECR with this tag (default: v1).")
    String tag;

    /** A Dockerfile for this lab is a few lines; 64 KiB leaves room for any real one (Docker itself sets no limit). */
    static final int DOCKERFILE_MAX_BYTES = 64 * 1024;
    /** IAM counts at most 6,144 characters in a managed policy, whitespace not counted; a file may be indented. */
    static final int POLICY_MAX_CHARACTERS = 6_144;
    static final int POLICY_FILE_MAX_BYTES = 64 * 1024;
    /** An RSA 4096 PEM key is about 3.3 KB, an ed25519 OpenSSH key 0.4 KB. */
    static final int PRIVATE_KEY_MAX_BYTES = 16 * 1024;

    /** The spec the options describe; reads files and may detect the public IP. */
    LabSpec toSpec(String region, Cloud cloud) {
        return withCidr(draft(region), cloud);
    }

    /** Whether {@code --cidr auto} asks for this computer's public IP (a network call). */
    boolean detectsCidr() {
        return cidr == null || "auto".equalsIgnoreCase(cidr.strip());
    }

    /**
     * The spec the command line alone describes, with no call made: files are checked and read (bounded), the
     * SSH range is normalised, or left as {@code auto} for {@link #withCidr} to detect.
     */
    LabSpec draft(String region) {
        Names names = Names.tutorial();
        names = set(names, ResourceKind.REPOSITORY, repository);
        names = set(names, ResourceKind.POLICY, policy);
        names = set(names, ResourceKind.ROLE, role);
        names = set(names, ResourceKind.INSTANCE_PROFILE, instanceProfile);
        names = set(names, ResourceKind.SECURITY_GROUP, securityGroup);
        names = set(names, ResourceKind.INSTANCE, instanceName);
        names = set(names, ResourceKind.KEY_PAIR, keyName);
        if (keyName != null) {
            // the rule speaks of the key choice ("key"); here the name came from --key-name, so that is the option named
            LabRules.keyPair(keyName).filter(Problem::isError).ifPresent(p -> {
                throw new InvalidInput("key-name", p.message());
            });
        }
        LabSpec.Builder b = LabSpec.builder().region(region).instanceType(instanceType).subnet(subnet).names(names)
                .image(image).tag(tag).cidrOpenConfirmed(openSsh).key(keyChoice(names.keyPair()));
        if (dockerfile != null) {
            b.dockerfile(readText("dockerfile", dockerfile, DOCKERFILE_MAX_BYTES, "a Dockerfile"));
        }
        if (policyFile != null) {
            String text = readText("policy-file", policyFile, POLICY_FILE_MAX_BYTES, "a permissions policy file");
            long counted = text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
            if (counted > POLICY_MAX_CHARACTERS) {
                throw new InvalidInput("policy-file", LabRules.shown(policyFile.toString()) + " has " + counted
                        + " characters (whitespace not counted); IAM accepts at most 6,144 in a managed policy: remove statements or actions");
            }
            b.permissionsPolicy(text);
        }
        b.sshCidr(detectsCidr() ? "auto" : Cidr.normalise(cidr));
        return b.build();
    }

    /** The draft with {@code --cidr auto} resolved: this computer's public IP as /32 (asks checkip.amazonaws.com). */
    LabSpec withCidr(LabSpec draft, Cloud cloud) {
        if (!detectsCidr()) {
            return draft;
        }
        try {
            return draft.toBuilder().sshCidr(Cidr.normalise(cloud.publicIp() + "/32")).build();
        } catch (CloudException e) {
            throw new InvalidInput("cidr", e.getMessage() + "; " + e.hint() + " and pass it as --cidr");
        }
    }

    /** Options that contradict each other or that these choices ignore (warnings: the run goes on). */
    java.util.List<Problem> ignored() {
        java.util.List<Problem> out = new java.util.ArrayList<>();
        if (openSsh) {
            Cidr c = detectsCidr() ? null : Cidr.parse(cidr).cidr();
            if (detectsCidr() || (c != null && c.prefix() >= (c.ipv6() ? LabRules.WIDEST_IPV6_PREFIX : LabRules.WIDEST_IPV4_PREFIX))) {
                out.add(Problem.warning("yes-open-ssh", "has no effect: SSH is open only to " + (c == null ? "your own IP" : c.toString())));
            }
        }
        if (keyName != null && key != null && key.startsWith("existing:")) {
            out.add(Problem.warning("key-name", "is ignored: --key existing:NAME:PATH names the key pair"));
        }
        return out;
    }

    private KeyChoice keyChoice(String defaultName) {
        if ("generate".equals(key)) {
            return new KeyChoice(KeyChoice.Mode.GENERATE, defaultName, null);
        }
        if ("aws".equals(key)) {
            return new KeyChoice(KeyChoice.Mode.AWS, defaultName, null);
        }
        if (key.startsWith("existing:")) {
            String[] parts = key.split(":", 3);
            if (parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()) {
                Path file = Path.of(parts[2]);
                String text = readText("key", file, PRIVATE_KEY_MAX_BYTES, "a private key file");
                String head = text.strip();
                if (!(head.startsWith("-----BEGIN ") && head.contains("PRIVATE KEY-----")) && !head.startsWith("PuTTY-User-Key-File-")) {
                    throw new InvalidInput("key", "the private key file " + LabRules.shown(file.toString())
                            + " is not a private key (a PEM or OpenSSH key starts with -----BEGIN … PRIVATE KEY-----); give the file EC2 or ssh-keygen wrote");
                }
                return new KeyChoice(KeyChoice.Mode.EXISTING, parts[1], file);
            }
        }
        throw new InvalidInput("key", LabRules.shown(key) + " must be generate, aws, or existing:NAME:PATH (key pair name and private key file)");
    }

    private static Names set(Names names, ResourceKind kind, String value) {
        return value == null ? names : names.with(kind, value);
    }

    /**
     * A small text file, read only once it is known to be a regular, readable file of a sane size, and then with
     * a bounded read: a FIFO, a device, a folder or a huge file is refused at once, never waited on or loaded.
     * Messages name the path, never the content.
     */
    static String readText(String field, Path file, int maxBytes, String what) {
        String shown = LabRules.shown(file.toString());
        if (!Files.exists(file)) {
            throw new InvalidInput(field, shown + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInput(field, shown + " is a folder; give the path of " + what);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInput(field, shown + " is not a regular file (a pipe, a device such as /dev/zero, or a socket); give the path of " + what);
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInput(field, shown + " cannot be read: you have no read permission on it (chmod u+r)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > maxBytes) {
                throw new InvalidInput(field, shown + " is " + Files.size(file) + " bytes; " + what + " is at most " + maxBytes / 1024 + " KiB");
            }
            bytes = in.readNBytes(maxBytes + 1);
        } catch (AccessDeniedException e) {
            throw new InvalidInput(field, shown + " cannot be read: permission denied");
        } catch (IOException e) {
            throw new InvalidInput(field, shown + " cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length > maxBytes) {
            throw new InvalidInput(field, shown + " grew while it was read; " + what + " is at most " + maxBytes / 1024 + " KiB");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            throw new InvalidInput(field, shown + " starts with a UTF-8 byte order mark, which IAM and some tools refuse; save it as UTF-8 without BOM");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new InvalidInput(field, shown + " is not a text file (it holds NUL bytes); give the path of " + what);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInput(field, shown + " is not UTF-8 text; save it as UTF-8");
        }
    }
}
