package dev.rolelab.practice;

import dev.rolelab.host.Host;
import dev.rolelab.host.HostException;
import dev.rolelab.host.Output;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One simulated SSH session on the practice instance. */
final class PracticeHost implements Host {

    static final String FIRST_LINE = "# practice mode: simulated output, nothing runs on a real instance";

    /** What the simulated instance remembers between sessions. */
    static final class Machine {
        volatile boolean docker;
        volatile boolean started;
        volatile boolean inGroup;
        volatile String dockerfile;
        volatile boolean built;
        volatile boolean loggedIn;
        volatile boolean tagged;
    }

    private static final Pattern PUSH = Pattern.compile("docker push (\\S+)/([^:\\s]+):(\\S+)");

    private final PracticeHosts hosts;
    private final PracticeCloud cloud;
    private final Machine machine;
    private final Duration lineDelay;
    private final boolean sessionHasGroup;
    private volatile boolean cancelled;

    /** The public IP of the instance this session is on, or null when unknown (then: the one running instance). */
    private final String address;

    PracticeHost(PracticeHosts hosts, PracticeCloud cloud, Machine machine, Duration lineDelay) {
        this(hosts, cloud, machine, lineDelay, null);
    }

    PracticeHost(PracticeHosts hosts, PracticeCloud cloud, Machine machine, Duration lineDelay, String address) {
        this.address = address;
        this.hosts = hosts;
        this.cloud = cloud;
        this.machine = machine;
        this.lineDelay = lineDelay;
        this.sessionHasGroup = machine.inGroup;
    }

    /** The role (through the instance profile) and id of the running instance this session is on; null if it has no role. */
    private String[] instanceRole() {
        PracticeAccount account = cloud.account();
        List<PracticeAccount.Machine> running = account.instances.values().stream()
                .filter(m -> m.terminatedAt == 0 && (address == null || address.equals(m.ip))).toList();
        if (running.isEmpty()) {
            return null;
        }
        PracticeAccount.Machine m = running.get(running.size() - 1);
        PracticeAccount.Profile profile = m.profile == null ? null : account.profiles.get(m.profile);
        if (profile == null || profile.role == null) {
            return null;
        }
        return new String[] {profile.role, m.id};
    }

    @Override
    public int run(String command, byte[] stdin, Output output) {
        check();
        say(output, FIRST_LINE);
        if (hosts.takeDrop(command)) {
            say(output, "(the simulated connection drops here)");
            throw new HostException(HostException.Kind.DISCONNECTED, "the SSH connection dropped while running `" + command
                    + "`; the step can be run again on a new connection", null);
        }
        Integer forced = hosts.takeFailure(command);
        if (forced != null) {
            err(output, "simulated failure requested for this step");
            return forced;
        }
        return respond(command, stdin, output);
    }

    private int respond(String command, byte[] stdin, Output out) {
        if (command.startsWith("sudo dnf install -y docker")) {
            lines(out, "Amazon Linux 2023 repository                     42 MB/s |  29 MB     00:00",
                    "Last metadata expiration check: 0:00:03 ago.",
                    "Dependencies resolved.",
                    "================================================================================",
                    " Package              Arch      Version                     Repository    Size",
                    "================================================================================",
                    "Installing:",
                    " docker               x86_64    25.0.8-1.amzn2023.0.5       amazonlinux   44 M",
                    "Installing dependencies:",
                    " containerd           x86_64    1.7.27-1.amzn2023.0.2       amazonlinux   35 M",
                    " runc                 x86_64    1.2.6-1.amzn2023.0.1        amazonlinux  3.2 M",
                    "",
                    "Transaction Summary",
                    "================================================================================",
                    "Install  8 Packages",
                    "",
                    "Total download size: 84 M",
                    "Downloading Packages:",
                    "Running transaction",
                    "  Installing       : runc-1.2.6-1.amzn2023.0.1.x86_64                       1/8",
                    "  Installing       : containerd-1.7.27-1.amzn2023.0.2.x86_64                2/8",
                    "  Installing       : docker-25.0.8-1.amzn2023.0.5.x86_64                    8/8",
                    "",
                    "Complete!");
            machine.docker = true;
            return 0;
        }
        if (command.startsWith("sudo systemctl enable --now docker")) {
            if (!machine.docker) {
                err(out, "Failed to enable unit: Unit file docker.service does not exist.");
                return 1;
            }
            err(out, "Created symlink /etc/systemd/system/multi-user.target.wants/docker.service → /usr/lib/systemd/system/docker.service.");
            machine.started = true;
            return 0;
        }
        if (command.startsWith("sudo usermod -aG docker ec2-user")) {
            machine.inGroup = true;
            return 0;
        }
        if (command.startsWith("docker ps")) {
            if (!dockerUsable(out)) {
                return 1;
            }
            say(out, "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES");
            return 0;
        }
        if (command.contains("cat > rolelab/Dockerfile")) {
            machine.dockerfile = stdin == null ? "" : new String(stdin, StandardCharsets.UTF_8);
            return 0;
        }
        if (command.contains("docker build")) {
            if (!dockerUsable(out)) {
                return 1;
            }
            if (machine.dockerfile == null || !machine.dockerfile.toUpperCase().contains("FROM")) {
                err(out, "ERROR: failed to solve: the Dockerfile cannot be empty");
                return 1;
            }
            List<String> build = new ArrayList<>(List.of("#0 building with \"default\" instance using docker driver", "",
                    "#1 [internal] load build definition from Dockerfile",
                    "#1 transferring dockerfile: " + machine.dockerfile.length() + "B done", "#1 DONE 0.0s", "",
                    "#2 [internal] load metadata for docker.io/library/alpine:latest", "#2 DONE 1.1s", ""));
            int n = 3;
            for (String line : machine.dockerfile.split("\n")) {
                if (!line.isBlank() && !line.trim().startsWith("#")) {
                    build.add("#" + n + " [" + (n - 2) + "] " + line.trim());
                    build.add("#" + n + " DONE 0.4s");
                    n++;
                }
            }
            build.add("#" + n + " exporting to image");
            build.add("#" + n + " writing image sha256:" + hex(32) + " done");
            build.add("#" + n + " naming to docker.io/library/" + command.replaceAll(".*--tag (\\S+).*", "$1") + " done");
            build.add("#" + n + " DONE 0.1s");
            lines(out, build.toArray(String[]::new));
            machine.built = true;
            return 0;
        }
        if (command.startsWith("docker run --rm")) {
            if (!machine.built) {
                err(out, "Unable to find image locally");
                return 125;
            }
            if (machine.dockerfile.contains("echo hello")) {
                say(out, "hello");
            } else {
                say(out, "(practice: your image would run here; its output cannot be simulated)");
            }
            return 0;
        }
        if (command.startsWith("aws --version")) {
            say(out, "aws-cli/2.17.18 Python/3.9.16 Linux/6.1.112-124.190.amzn2023.x86_64 source/x86_64.amzn.2023");
            return 0;
        }
        if (command.startsWith("aws ecr get-login-password")) {
            err(out, "WARNING! Your password will be stored unencrypted in /home/ec2-user/.docker/config.json.");
            err(out, "Configure a credential helper to remove this warning. See");
            err(out, "https://docs.docker.com/engine/reference/commandline/login/#credential-stores");
            say(out, "");
            say(out, "Login Succeeded");
            machine.loggedIn = true;
            return 0;
        }
        if (command.startsWith("docker tag")) {
            machine.tagged = machine.built;
            if (!machine.built) {
                err(out, "Error response from daemon: No such image");
                return 1;
            }
            return 0;
        }
        Matcher push = PUSH.matcher(command);
        if (push.find()) {
            if (!machine.loggedIn) {
                err(out, "no basic auth credentials");
                return 1;
            }
            String layer = hex(6);
            say(out, "The push refers to repository [" + push.group(1) + "/" + push.group(2) + "]");
            say(out, layer + ": Preparing");
            for (int mb = 1; mb <= 3; mb++) {
                say(out, layer + ": Pushing  " + mb + ".2MB/3.6MB\r" + layer + ": Pushing  " + mb + ".2MB/3.6MB");
            }
            say(out, layer + ": Pushed");
            long size = 3_647_891L;
            String digest = cloud.recordPush(push.group(2), push.group(3), size);
            say(out, push.group(3) + ": digest: " + digest + " size: 528");
            return 0;
        }
        if (command.contains("meta-data/iam/security-credentials")) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            lines(out, "{", "  \"Code\" : \"Success\",", "  \"LastUpdated\" : \"" + now + "\",", "  \"Type\" : \"AWS-HMAC\",",
                    "  \"AccessKeyId\" : \"ASIA...P4CT\",", "  \"SecretAccessKey\" : \"(redacted on the instance)\",",
                    "  \"Token\" : \"(redacted on the instance)\",", "  \"Expiration\" : \"" + now.plus(6, ChronoUnit.HOURS) + "\"", "}");
            return 0;
        }
        if (command.startsWith("aws sts get-caller-identity")) {
            // the role of this instance's profile, as on AWS; not whichever role the account happens to list first
            String[] roleAndInstance = instanceRole();
            if (roleAndInstance == null) {
                err(out, "");
                err(out, "Unable to locate credentials. You can configure credentials by running \"aws configure\".");
                return 253;
            }
            String role = roleAndInstance[0];
            String instance = roleAndInstance[1];
            lines(out, "{", "    \"UserId\": \"AROAPRACTICE00EXAMPLE:" + instance + "\",", "    \"Account\": \"" + PracticeCloud.ACCOUNT + "\",",
                    "    \"Arn\": \"" + cloud.partition().arn("sts", "", PracticeCloud.ACCOUNT, "assumed-role/" + role + "/" + instance) + "\"", "}");
            return 0;
        }
        err(out, "practice: this simulation does not know the command `" + command + "`");
        return 127;
    }

    private boolean dockerUsable(Output out) {
        if (!machine.started) {
            err(out, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?");
            return false;
        }
        if (!sessionHasGroup) {
            err(out, "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock");
            return false;
        }
        return true;
    }

    private void lines(Output out, String... lines) {
        for (String l : lines) {
            say(out, l);
        }
    }

    private void say(Output out, String line) {
        check();
        pause(lineDelay);
        out.line(Output.Stream.STDOUT, line);
    }

    private void err(Output out, String line) {
        check();
        pause(lineDelay);
        out.line(Output.Stream.STDERR, line);
    }

    private void check() {
        if (cancelled) {
            throw new HostException(HostException.Kind.CANCELLED, "cancelled", null);
        }
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis()); // the simulated pace of output
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void upload(String remotePath, byte[] content) {
        if (remotePath.endsWith("Dockerfile")) {
            machine.dockerfile = new String(content, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
