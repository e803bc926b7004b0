package dev.rolelab.run;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.PushedImage;
import dev.rolelab.host.Host;
import dev.rolelab.host.HostException;
import dev.rolelab.host.HostKeyTrust;
import dev.rolelab.host.HostKeys;
import dev.rolelab.host.Hosts;
import dev.rolelab.host.Output;
import dev.rolelab.host.RemoteStep;
import dev.rolelab.host.RemoteSteps;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.PolicyDocuments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On the instance: verify its host key from the console, wait for SSH, run the remote steps with live
 * output (install Docker, build, log in with the role, push), then prove the role from the desktop
 * (ECR DescribeImages, the IAM policy simulator).
 */
public final class BuildAndPush {

    public enum Outcome { DONE, STEP_FAILED, HOST_FAILED, CANCELLED }

    /** How long to wait for what. */
    public record Waits(Duration hostKeys, Duration consolePoll, Duration ssh) {
        public static final Waits STANDARD = new Waits(Duration.ofMinutes(4), Duration.ofSeconds(10), Duration.ofMinutes(3));
    }

    /** Where the instance is. */
    public record Target(String instanceId, String address, int sshPort, Path privateKey, String account, String roleArn) {
        public Target(String instanceId, String address, Path privateKey, String account, String roleArn) {
            this(instanceId, address, 22, privateKey, account, roleArn);
        }
    }

    /** A remote step's end: its exit status and its last lines (for the failure message). */
    public record StepResult(RemoteStep step, int exitStatus, boolean ok, List<String> lastLines) { }

    /** What shows the role at work. */
    public record Proof(String accessKeyId, String expiration, String assumedRoleArn, PushedImage image,
                        Map<String, String> onThisRepository, Map<String, String> onAnotherRepository, Map<String, String> login) {
        public boolean pushAllowedOnlyHere() {
            return onThisRepository.values().stream().allMatch("allowed"::equals)
                    && onAnotherRepository.values().stream().noneMatch("allowed"::equals)
                    && login.values().stream().allMatch("allowed"::equals);
        }
    }

    /** How it ended: {@code nextStep} is where a retry starts. */
    public record Result(Outcome outcome, String failure, StepResult failed, int nextStep, Proof proof) { }

    private static final Pattern ACCESS_KEY = Pattern.compile("\"AccessKeyId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRATION = Pattern.compile("\"Expiration\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ARN = Pattern.compile("\"Arn\"\\s*:\\s*\"([^\"]+)\"");

    private final Cloud cloud;
    private final Hosts hosts;
    private final Waits waits;
    private volatile Host current;
    /** What the steps read on the instance; kept across runs, so a retry after the credentials step still has them. */
    private final Facts facts = new Facts();
    /** The fingerprint the person confirmed when the console showed no host keys; later sessions of the lab expect it. */
    private volatile String confirmed;

    public BuildAndPush(Cloud cloud, Hosts hosts, Waits waits) {
        this.cloud = cloud;
        this.hosts = hosts;
        this.waits = waits;
    }

    /** Ends the running command and session at once (from another thread). */
    public void cancel(Cancel cancel) {
        cancel.request();
        Host h = current;
        if (h != null) {
            h.cancel();
        }
    }

    /**
     * Runs the remote steps from {@code fromStep} (0 for all; a retry passes the failed step's index).
     *
     * @param askFingerprint asked only if the instance printed no host keys before the deadline
     */
    public Result run(LabSpec spec, Target target, int fromStep, Predicate<String> askFingerprint, Cancel cancel, Events events) {
        List<RemoteStep> steps = RemoteSteps.forLab(spec, target.account(), cloud.regions().partition(spec.region()));
        int at = fromStep;
        Host host = null;
        boolean connected = false;
        try {
            Set<String> vouched = vouchedKeys(target, cancel, events);
            String known = confirmed;
            HostKeyTrust trust = new HostKeyTrust(vouched.isEmpty() && known != null ? Set.of(known) : vouched, fingerprint -> {
                boolean yes = askFingerprint.test(fingerprint);
                if (yes) {
                    confirmed = fingerprint;
                }
                return yes;
            });
            events.emit(Event.remote(Event.Type.STARTED, "ssh", "Connect over SSH", "ec2-user@" + target.address()));
            hosts.awaitSsh(target.address(), target.sshPort(), waits.ssh(),
                    m -> events.emit(Event.remote(Event.Type.PROGRESS, "ssh", "Connect over SSH", m)), cancel::requested);
            Hosts.Target login = new Hosts.Target(target.address(), target.sshPort(), "ec2-user", target.privateKey(), trust);
            host = open(login);
            if (trust.vouched().isEmpty() && confirmed != null) {
                // confirmed once: a reconnection expects that key (another one is a mismatch), it does not ask again
                login = new Hosts.Target(login.address(), login.port(), login.user(), login.privateKey(),
                        new HostKeyTrust(Set.of(confirmed), askFingerprint));
            }
            events.emit(Event.remote(Event.Type.DONE, "ssh", "Connect over SSH", "connected as ec2-user, host key verified"));
            connected = true;
            for (; at < steps.size(); at++) {
                if (cancel.requested()) {
                    return new Result(Outcome.CANCELLED, "cancelled", null, at, null);
                }
                RemoteStep step = steps.get(at);
                StepResult r = runStep(host, step, facts, events);
                if (!r.ok()) {
                    return new Result(Outcome.STEP_FAILED, step.title() + " failed with exit status " + r.exitStatus(), r, at, null);
                }
                if (step.freshSession()) {
                    host.close();
                    events.emit(Event.remote(Event.Type.INFO, step.id(), step.title(), "reconnecting so the new group membership applies"));
                    host = open(login);
                }
            }
        } catch (HostException e) {
            if (e.kind() == HostException.Kind.CANCELLED || cancel.requested()) {
                return new Result(Outcome.CANCELLED, "cancelled", null, at, null);
            }
            // before the first remote step, the failure is the connection's (its row, not "Install Docker")
            boolean onStep = connected && at < steps.size();
            String where = onStep ? " during \"" + steps.get(at).title() + "\"" : "";
            String why = e.kind() == HostException.Kind.UNREACHABLE ? e.getMessage() + unreachable(spec) : e.getMessage();
            events.emit(Event.remote(Event.Type.FAILED, onStep ? steps.get(at).id() : "ssh",
                    onStep ? steps.get(at).title() : "Connect over SSH", why));
            return new Result(Outcome.HOST_FAILED, why + where, null, at, null);
        } catch (CloudException e) {
            // GetConsoleOutput refused: the host-keys row says why, and the run ends with the same sentence
            events.emit(Event.remote(Event.Type.FAILED, "host-keys", "Read the instance's host keys from its console", e.describe()));
            return new Result(Outcome.HOST_FAILED, e.describe(), null, at, null);
        } finally {
            if (host != null) {
                host.close();
            }
            current = null;
        }
        Proof proof = prove(spec, target, facts, events);
        return new Result(Outcome.DONE, null, null, steps.size(), proof);
    }

    private Host open(Hosts.Target login) {
        Host h = hosts.open(login);
        current = h;
        return h;
    }

    /** The host keys the instance printed on its console: polled until they appear or the deadline passes. */
    private Set<String> vouchedKeys(Target target, Cancel cancel, Events events) {
        String title = "Read the instance's host keys from its console";
        events.emit(Event.remote(Event.Type.STARTED, "host-keys", title, "so that SSH can tell this instance from an impostor"));
        long start = System.nanoTime();
        long end = start + waits.hostKeys().toNanos();
        while (true) {
            Set<String> keys = HostKeys.trusted(cloud.consoleOutput(target.instanceId()));
            if (!keys.isEmpty()) {
                events.emit(Event.remote(Event.Type.DONE, "host-keys", title, String.join(", ", keys)));
                return keys;
            }
            long waited = (System.nanoTime() - start) / 1_000_000_000L;
            if (System.nanoTime() + waits.consolePoll().toNanos() > end) {
                events.emit(Event.remote(Event.Type.DONE, "host-keys", title,
                        "the instance printed no host keys within " + waits.hostKeys().toSeconds() + " s; you will be asked to confirm the fingerprint"));
                return Set.of();
            }
            events.emit(Event.remote(Event.Type.PROGRESS, "host-keys", title, "waiting for cloud-init to print them, "
                    + waited + " s of up to " + waits.hostKeys().toSeconds() + " s"));
            if (cancel.requested()) {
                throw new HostException(HostException.Kind.CANCELLED, "cancelled", null);
            }
            try {
                Thread.sleep(waits.consolePoll().toMillis()); // a named, bounded wait: the first boot's console
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostException(HostException.Kind.CANCELLED, "cancelled", e);
            }
        }
    }

    private StepResult runStep(Host host, RemoteStep step, Facts facts, Events events) {
        events.emit(Event.remote(Event.Type.STARTED, step.id(), step.title(), "$ " + step.command()));
        Deque<String> last = new ArrayDeque<>();
        boolean[] sawExpected = {false};
        StringBuilder captured = new StringBuilder();
        boolean capture = step.id().equals("credentials") || step.id().equals("caller-identity");
        int status = host.run(step.command(), step.upload(), (stream, raw) -> {
            String line = Redactor.line(raw);
            if (step.expectInOutput() != null && line.contains(step.expectInOutput())) {
                sawExpected[0] = true;
            }
            if (capture && captured.length() < 16_384) {
                captured.append(line).append('\n');
            }
            synchronized (last) {
                if (last.size() == 20) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
            events.emit(Event.remote(Event.Type.OUTPUT, step.id(), stream == Output.Stream.STDERR ? "stderr" : "stdout", line));
        });
        if (capture) {
            facts.read(step.id(), captured.toString());
        }
        boolean ok = step.succeeded(status, sawExpected[0]);
        List<String> tail;
        synchronized (last) {
            tail = new ArrayList<>(last);
        }
        if (ok) {
            events.emit(Event.remote(Event.Type.DONE, step.id(), step.title(), "exit status 0"));
        } else {
            events.emit(Event.remote(Event.Type.FAILED, step.id(), step.title(), status == 0
                    ? "exit status 0, but the output lacks \"" + step.expectInOutput() + "\"" : "exit status " + status));
        }
        return new StepResult(step, status, ok, tail);
    }

    /** SSH did not connect: the rule's address beside the one this computer has now, and the usual causes. */
    private String unreachable(LabSpec spec) {
        String now;
        try {
            now = cloud.publicIp();
        } catch (CloudException e) {
            now = null;
        }
        String rule = spec.sshCidr();
        boolean same = now != null && (rule.equals(now + "/32") || rule.equals(now));
        return ". The security group allows SSH from " + rule + "; this computer's public IPv4 address is now "
                + (now == null ? "unknown (it could not be detected)" : now) + (same ? ", which the rule allows" : "")
                + ". Usual causes: port 22 is blocked on this network (many office, school and hotel networks block outgoing SSH; "
                + "try another network or a phone hotspot)" + (same ? "" : ", or your address changed since the rule was made "
                + "(run the lab again with --cidr " + (now == null ? "YOUR.IP" : now) + "/32)");
    }

    /** From the desktop: the image is in ECR, and the simulator says the role may push here and nowhere else. */
    private Proof prove(LabSpec spec, Target target, Facts facts, Events events) {
        String title = "Prove the role from this computer";
        events.emit(Event.remote(Event.Type.STARTED, "proof", title, "ECR DescribeImages and the IAM policy simulator"));
        try {
            PushedImage image = cloud.image(spec.names().repository(), spec.tag()).orElse(null);
            String here = PolicyDocuments.repositoryArn(cloud.regions().partition(spec.region()), spec.region(), target.account(), spec.names().repository());
            String elsewhere = PolicyDocuments.repositoryArn(cloud.regions().partition(spec.region()), spec.region(), target.account(), "some-other-repository");
            // the simulator answers implicitDeny for a few seconds after an attach (eventual consistency): asked again for a while
            Map<String, String> allowedHere = Retry.settling(cloud.settling(), Duration.ofSeconds(30)).until(
                    () -> cloud.simulate(target.roleArn(), PolicyDocuments.PUSH_ACTIONS, here), d -> !d.containsValue("implicitDeny"),
                    "the policy simulator does not see the attached policy yet (implicitDeny)",
                    reason -> events.emit(Event.remote(Event.Type.RETRYING, "proof", title, reason)));
            Map<String, String> otherRepo = cloud.simulate(target.roleArn(), PolicyDocuments.PUSH_ACTIONS, elsewhere);
            Map<String, String> login = cloud.simulate(target.roleArn(), List.of(PolicyDocuments.LOGIN_ACTION), "*");
            Proof proof = new Proof(facts.accessKeyId, facts.expiration, facts.assumedRoleArn, image, allowedHere, otherRepo, login);
            events.emit(Event.remote(Event.Type.DONE, "proof", title, (image == null ? "image not found in ECR; " : "image " + spec.tag()
                    + " in ECR (" + image.digest() + "); ") + (proof.pushAllowedOnlyHere()
                    ? "push allowed on " + spec.names().repository() + " only" : "the simulator disagrees with the policy")));
            return proof;
        } catch (CloudException e) {
            events.emit(Event.remote(Event.Type.FAILED, "proof", title, e.describe()));
            return new Proof(facts.accessKeyId, facts.expiration, facts.assumedRoleArn, null, Map.of(), Map.of(), Map.of());
        }
    }

    /** What the proof steps printed. */
    private static final class Facts {
        volatile String accessKeyId;
        volatile String expiration;
        volatile String assumedRoleArn;

        void read(String step, String text) {
            if (step.equals("credentials")) {
                accessKeyId = first(ACCESS_KEY, text);
                expiration = first(EXPIRATION, text);
            } else {
                assumedRoleArn = first(ARN, text);
            }
        }

        private static String first(Pattern p, String text) {
            Matcher m = p.matcher(text);
            return m.find() ? m.group(1) : null;
        }
    }
}
