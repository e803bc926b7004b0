package dev.rolelab.host.ssh;

import java.io.IOException;
import java.nio.file.Path;

/** Stand-ins for what an AL2023 instance has (sudo, dnf, systemctl, usermod, docker, aws, curl): they record arguments and stdin. */
public final class StandIns {

    public static final String ECR_PASSWORD = "eyJwYXlsb2FkIjoiU0VDUkVULUVDUi1QQVNTV09SRCJ9";
    public static final String ACCESS_KEY_ID = "ASIAXAMPLE7EXAMPLE7ABCD";
    public static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLESECRET";
    public static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKENxyz==";

    private StandIns() { }

    public static void install(LocalSshd sshd, Path dir) throws IOException {
        String log = dir.resolve("calls.log").toString();
        String rec = "echo \"$(basename \"$0\") $*\" >> '" + log + "'\n";
        sshd.standIn("sudo", rec + "exec \"$@\"\n");
        sshd.standIn("dnf", rec + "echo 'Dependencies resolved.'\necho 'Complete!'\n");
        sshd.standIn("systemctl", rec + "echo 'Created symlink /etc/systemd/system/multi-user.target.wants/docker.service' >&2\n");
        sshd.standIn("usermod", rec);
        sshd.standIn("docker", rec + """
                case "$1" in
                  ps) echo 'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES' ;;
                  build) echo '#1 [internal] load build definition from Dockerfile'; printf 'layer 1/2\\rlayer 2/2\\n'; echo '#5 naming to docker.io/library/hello-test done' ;;
                  run) echo hello ;;
                  login) cat > '""" + dir.resolve("docker-login.stdin") + """
                ' ; echo 'Login Succeeded' ;;
                  tag) ;;
                  push) echo "The push refers to repository [$2]"; printf 'a1b2: Pushing 1.2MB/3.6MB\\ra1b2: Pushed\\n'; echo 'v1: digest: sha256:4f5e size: 528' ;;
                esac
                """);
        sshd.standIn("aws", rec + """
                case "$1 $2" in
                  "ecr get-login-password") printf '%s' '""" + ECR_PASSWORD + """
                ' ;;
                  "--version ") echo 'aws-cli/2.17.18 Python/3.9.16 Linux/6.1.115 source/x86_64.amzn.2023' ;;
                  "sts get-caller-identity") printf '{\\n    "UserId": "AROAEXAMPLE:i-0abc",\\n    "Account": "123456789012",\\n    "Arn": "arn:aws:sts::123456789012:assumed-role/containerise/i-0abc123def4567890"\\n}\\n' ;;
                esac
                """);
        sshd.standIn("curl", rec + """
                case "$*" in
                  *api/token*) printf 'IMDSTOKEN' ;;
                  *security-credentials/containerise*) printf '{\\n  "Code" : "Success",\\n  "LastUpdated" : "2026-11-29T08:50:00Z",\\n  "Type" : "AWS-HMAC",\\n  "AccessKeyId" : \"""" + ACCESS_KEY_ID + """
                ",\\n  "SecretAccessKey" : \"""" + SECRET_KEY + """
                ",\\n  "Token" : \"""" + SESSION_TOKEN + """
                ",\\n  "Expiration" : "2026-11-29T15:02:11Z"\\n}\\n' ;;
                  *security-credentials/*) printf 'containerise' ;;
                esac
                """);
    }
}
