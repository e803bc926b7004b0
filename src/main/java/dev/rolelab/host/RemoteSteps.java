package dev.rolelab.host;

import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Partition;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The tutorial's steps on the instance (Amazon Linux 2023), for one lab. */
public final class RemoteSteps {

    public static final String WORK_DIR = "rolelab";
    private static final String IMDS = "http://169.254.169.254/latest";

    private RemoteSteps() { }

    public static String imageUri(LabSpec spec, String account, Partition partition) {
        return partition.registryHost(account, spec.region()) + "/" + spec.names().repository() + ":" + spec.tag();
    }

    /** @param partition the lab region's partition: the registry's DNS suffix comes from it */
    public static List<RemoteStep> forLab(LabSpec spec, String account, Partition partition) {
        String registry = partition.registryHost(account, spec.region());
        String remote = imageUri(spec, account, partition);
        boolean tutorialImage = LabSpec.TUTORIAL_DOCKERFILE.equals(spec.dockerfile());
        return List.of(
                new RemoteStep("install-docker", "Install Docker",
                        "Amazon Linux 2023 installs packages with dnf; Docker is in its own repository.",
                        "sudo dnf install -y docker", null, null, false),
                new RemoteStep("start-docker", "Start Docker",
                        "systemd starts the Docker daemon now and at every boot.",
                        "sudo systemctl enable --now docker", null, null, false),
                new RemoteStep("docker-group", "Let ec2-user use Docker",
                        "Members of the docker group may talk to the daemon; the change applies to new sessions, so RoleLab reconnects.",
                        "sudo usermod -aG docker ec2-user", null, null, true),
                new RemoteStep("docker-ps", "Check Docker works without sudo",
                        "An empty list of containers proves the daemon runs and ec2-user may use it.",
                        "docker ps", null, null, false),
                new RemoteStep("write-dockerfile", "Write the Dockerfile",
                        "The Dockerfile you reviewed is copied to the instance byte for byte.",
                        "mkdir -p " + WORK_DIR + " && cat > " + WORK_DIR + "/Dockerfile",
                        spec.dockerfile().getBytes(StandardCharsets.UTF_8), null, false),
                new RemoteStep("build", "Build the image",
                        "Docker builds the image from the Dockerfile and names it locally.",
                        "cd " + WORK_DIR + " && docker build --tag " + spec.image() + " .", null, null, false),
                new RemoteStep("run", "Run the image",
                        tutorialImage ? "The tutorial's image prints hello and exits." : "Your image runs once and exits.",
                        "docker run --rm " + spec.image(), null, tutorialImage ? "hello" : null, false),
                new RemoteStep("aws-version", "Check the AWS CLI",
                        "Amazon Linux 2023 ships AWS CLI v2; it finds the role's credentials on its own.",
                        "aws --version", null, null, false),
                new RemoteStep("login", "Log in to ECR with the role",
                        "The role's temporary credentials get a registry password, piped straight into docker login: it is never on a command line or on screen.",
                        "aws ecr get-login-password --region " + spec.region() + " | docker login --username AWS --password-stdin " + registry,
                        null, "Login Succeeded", false),
                new RemoteStep("tag", "Tag the image for ECR",
                        "The registry, repository and tag go into the image's name.",
                        "docker tag " + spec.image() + " " + remote, null, null, false),
                new RemoteStep("push", "Push the image",
                        "The layers go to the repository; the role's policy allows exactly this.",
                        "docker push " + remote, null, null, false),
                new RemoteStep("credentials", "Show the role's temporary credentials",
                        "Through IMDSv2 (a token first), the instance reads the credentials EC2 made for the role; "
                                + "the secret parts are blanked on the instance before anything is sent back.",
                        credentialsCommand(), null, "\"Expiration\"", false),
                new RemoteStep("caller-identity", "Ask STS who the instance is",
                        "The answer is the role, assumed by EC2 for this instance: no access keys were ever stored here.",
                        "aws sts get-caller-identity", null, ":assumed-role/" + spec.names().role() + "/", false));
    }

    /** IMDSv2 token, then the role's credential document with the secret and token blanked before they leave. */
    static String credentialsCommand() {
        return "TOKEN=$(curl -sS -X PUT " + IMDS + "/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')"
                + " && ROLE=$(curl -sS -H \"X-aws-ec2-metadata-token: $TOKEN\" " + IMDS + "/meta-data/iam/security-credentials/)"
                + " && curl -sS -H \"X-aws-ec2-metadata-token: $TOKEN\" " + IMDS + "/meta-data/iam/security-credentials/$ROLE"
                + " | sed -E -e 's/(\"(SecretAccessKey|Token)\" *: *\")[^\"]*\"/\\1(redacted on the instance)\"/'"
                + " -e 's/(\"AccessKeyId\" *: *\")(ASIA|AKIA)[A-Z0-9]*([A-Z0-9]{4})\"/\\1\\2...\\3\"/'";
    }
}
