package dev.rolelab.cloud;

import dev.rolelab.lab.Architecture;
import dev.rolelab.lab.ResourceKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The AWS account as the workflows see it: one method per call they need. Implemented by the SDK
 * controllers ({@code cloud.aws.AwsCloud}) and by the in-memory practice cloud.
 *
 * <p>Every create tags the resource {@code rolelab:lab=<labId>}. Every delete is idempotent: a resource
 * that is already gone counts as deleted. Failures are {@link CloudException}s worded for a person.
 */
public interface Cloud {

    /** The regions this cloud knows, for validating the user's choice. */
    Set<String> knownRegions();

    /** The regions and partitions this cloud knows: partitions for ARNs and principals, opt-in regions. */
    Regions regions();

    /** The caller's account and ARN (read-only). */
    Identity identity();

    /** The user's public IPv4 address as the internet sees it, for the SSH rule. */
    String publicIp();

    /** Whether something named {@code name} of this kind already exists (pre-flight; read-only). */
    boolean exists(ResourceKind kind, String name);

    /** Whether {@code name} exists and carries {@code labId}'s tag (for ledgers that only recorded an intent). */
    Ownership ownership(ResourceKind kind, String name, String labId);

    // ---- create

    /** @return the repository ARN */
    String createRepository(String name, String labId);

    /** @return the policy ARN */
    String createPolicy(String name, String document, String labId);

    /** @return the role ARN */
    String createRole(String name, String trustDocument, String labId);

    void attachRolePolicy(String role, String policyArn);

    /** @return the instance profile ARN */
    String createInstanceProfile(String name, String labId);

    void addRoleToInstanceProfile(String profile, String role);

    /** The default VPC's subnet in a zone offering {@code instanceType}, or the chosen subnet's network. */
    Network network(String instanceType, String subnetId);

    /** Creates a default VPC (the remedy offered when there is none). @return its id */
    String createDefaultVpc();

    /** @return the group id */
    String createSecurityGroup(String name, String description, String vpcId, String labId);

    void allowSsh(String groupId, String cidr);

    /** @return the key pair id */
    String importKeyPair(String name, String publicKeyOpenSsh, String labId);

    CreatedKey createKeyPair(String name, String labId);

    /** The newest Amazon Linux 2023 AMI for the architecture. */
    String latestAmi(Architecture architecture);

    /**
     * RunInstances, retried while a new instance profile propagates (only on that error, up to a deadline).
     *
     * @param onRetry told the reason each time a retry is scheduled; may throw to stop retrying (cancel)
     * @return the instance id
     */
    String launch(LaunchRequest request, Consumer<String> onRetry);

    /** Waits until the instance runs; {@code onProgress} hears the state at every poll and may throw to stop waiting (cancel). */
    Instance waitUntilRunning(String instanceId, Consumer<String> onProgress);

    /**
     * Waits until the instance runs, as EC2's own waiter does: a new instance that DescribeInstances does not
     * find yet ({@code InvalidInstanceID.NotFound}) is waited for, and {@code onRetry} told why.
     */
    default Instance waitUntilRunning(String instanceId, Consumer<String> onProgress, Consumer<String> onRetry) {
        return waitUntilRunning(instanceId, onProgress);
    }

    /** How this cloud settles after a change: how long a NotFound may mean "not visible yet", and the pause between asks. */
    default Settling settling() {
        return Settling.AWS;
    }

    // ---- the instance and the proof

    /** The instance as it is now (state, public IP). */
    Instance instance(String instanceId);

    /** The instance's serial console output (latest where the type supports it), decoded; "" if none yet. */
    String consoleOutput(String instanceId);

    /** The image with {@code tag} in the repository, if pushed (ECR DescribeImages). */
    java.util.Optional<PushedImage> image(String repository, String tag);

    /**
     * Asks the IAM policy simulator what the role may do on a resource.
     *
     * @return per action: {@code allowed}, {@code implicitDeny} or {@code explicitDeny}
     */
    java.util.Map<String, String> simulate(String roleArn, List<String> actions, String resourceArn);

    // ---- delete (idempotent)

    void terminate(String instanceId);

    /** Waits until the instance is terminated (or gone); {@code onProgress} hears the state at every poll. */
    void waitUntilTerminated(String instanceId, Consumer<String> onProgress);

    void deleteSecurityGroup(String groupId);

    void deleteKeyPair(String name);

    void removeRoleFromInstanceProfile(String profile, String role);

    void deleteInstanceProfile(String name);

    void detachRolePolicy(String role, String policyArn);

    void deleteRole(String name);

    void deletePolicy(String policyArn);

    void deleteRepository(String name);

    /** Everything tagged by RoleLab in this cloud's region (for sweep). */
    List<TaggedResource> tagged();

    /**
     * Asks the IAM policy simulator what a policy document would allow, before anything exists
     * (SimulateCustomPolicy; nothing is created).
     *
     * @param context context keys and values the simulation uses (e.g. {@code aws:RequestedRegion}); none if empty
     * @return per action: {@code allowed}, {@code implicitDeny} or {@code explicitDeny}
     */
    java.util.Map<String, String> simulateCustomPolicy(String policyJson, List<String> actions, String resourceArn,
                                                       java.util.Map<String, String> context);
}
