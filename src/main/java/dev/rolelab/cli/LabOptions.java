package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Names;
import dev.rolelab.lab.ResourceKind;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What the lab should be: the options of {@code plan} and {@code up}. Defaults are the tutorial's. */
final class LabOptions {
    @Option(names = "--cidr", paramLabel = "CIDR|auto", defaultValue = "auto",
            description = "Allow SSH from this CIDR only. Default: auto, which detects your public IP and allows it as /32.")
    String cidr;

    @Option(names = "--yes-open-ssh", description = "Allow SSH from the whole internet when --cidr is 0.0.0.0/0 or ::/0 (refused without this).")
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

    /** The spec the options describe; reads files and may detect the public IP. */
    LabSpec toSpec(String region, Cloud cloud) {
        Names names = Names.tutorial();
        names = set(names, ResourceKind.REPOSITORY, repository);
        names = set(names, ResourceKind.POLICY, policy);
        names = set(names, ResourceKind.ROLE, role);
        names = set(names, ResourceKind.INSTANCE_PROFILE, instanceProfile);
        names = set(names, ResourceKind.SECURITY_GROUP, securityGroup);
        names = set(names, ResourceKind.INSTANCE, instanceName);
        names = set(names, ResourceKind.KEY_PAIR, keyName);
        LabSpec.Builder b = LabSpec.builder().region(region).instanceType(instanceType).subnet(subnet).names(names)
                .image(image).tag(tag).cidrOpenConfirmed(openSsh).key(keyChoice(names.keyPair()));
        if (dockerfile != null) {
            b.dockerfile(readText("dockerfile", dockerfile));
        }
        if (policyFile != null) {
            b.permissionsPolicy(readText("policy-file", policyFile));
        }
        if ("auto".equalsIgnoreCase(cidr)) {
            try {
                b.sshCidr(cloud.publicIp() + "/32");
            } catch (CloudException e) {
                throw new InvalidInput("cidr", e.getMessage() + "; " + e.hint() + " and pass it as --cidr");
            }
        } else {
            b.sshCidr(cidr);
        }
        return b.build();
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
                if (!Files.isReadable(file)) {
                    throw new InvalidInput("key", "the private key file " + file + " does not exist or cannot be read");
                }
                return new KeyChoice(KeyChoice.Mode.EXISTING, parts[1], file);
            }
        }
        throw new InvalidInput("key", "'" + key + "' must be generate, aws, or existing:NAME:PATH (key pair name and private key file)");
    }

    private static Names set(Names names, ResourceKind kind, String value) {
        return value == null ? names : names.with(kind, value);
    }

    private static String readText(String field, Path file) {
        try {
            if (Files.size(file) > 1_000_000) {
                throw new InvalidInput(field, file + " is larger than 1 MB; that is not a Dockerfile or a policy");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInput(field, file + " does not exist");
        } catch (MalformedInputException e) {
            throw new InvalidInput(field, file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInput(field, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
