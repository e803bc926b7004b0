package dev.rolelab.cloud.aws;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Ownership;
import dev.rolelab.cloud.TaggedResource;
import dev.rolelab.cloud.Tags;
import dev.rolelab.lab.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * IAM actions, one method per call. Everything lives under the path {@code /rolelab/}, so that a
 * sweep can list RoleLab's IAM resources without reading every role in the account.
 */
final class IamController {

    private final Supplier<IamClient> iam;

    IamController(Supplier<IamClient> iam) {
        this.iam = iam;
    }

    private static Tag tag(String labId) {
        return Tag.builder().key(Tags.LAB).value(labId).build();
    }

    String createPolicy(String name, String document, String labId) {
        return AwsCall.call("iam:CreatePolicy", () -> iam.get().createPolicy(r -> r.policyName(name).path(Tags.IAM_PATH)
                .policyDocument(document).description("RoleLab: push to one ECR repository").tags(tag(labId))).policy().arn());
    }

    String createRole(String name, String trustDocument, String labId) {
        return AwsCall.call("iam:CreateRole", () -> iam.get().createRole(r -> r.roleName(name).path(Tags.IAM_PATH)
                .assumeRolePolicyDocument(trustDocument).description("RoleLab: lets an EC2 instance push to ECR")
                .tags(tag(labId))).role().arn());
    }

    void attachRolePolicy(String role, String policyArn) {
        AwsCall.run("iam:AttachRolePolicy", () -> iam.get().attachRolePolicy(r -> r.roleName(role).policyArn(policyArn)));
    }

    String createInstanceProfile(String name, String labId) {
        return AwsCall.call("iam:CreateInstanceProfile", () -> iam.get().createInstanceProfile(r -> r.instanceProfileName(name)
                .path(Tags.IAM_PATH).tags(tag(labId))).instanceProfile().arn());
    }

    void addRoleToInstanceProfile(String profile, String role) {
        AwsCall.run("iam:AddRoleToInstanceProfile", () -> iam.get().addRoleToInstanceProfile(r -> r.instanceProfileName(profile).roleName(role)));
    }

    boolean roleExists(String name) {
        return getRole(name).isPresent();
    }

    boolean instanceProfileExists(String name) {
        return getInstanceProfile(name).isPresent();
    }

    boolean policyExists(String name) {
        return findPolicy(name).isPresent();
    }

    Ownership ownership(ResourceKind kind, String name, String labId) {
        return switch (kind) {
            case ROLE -> getRole(name).map(r -> owned(r.arn(), r.tags(), labId).createdAt(r.createDate())).orElse(Ownership.absent());
            case INSTANCE_PROFILE -> getInstanceProfile(name).map(p -> owned(p.arn(), AwsCall.call("iam:ListInstanceProfileTags",
                    () -> iam.get().listInstanceProfileTags(r -> r.instanceProfileName(name)).tags()), labId).createdAt(p.createDate()))
                    .orElse(Ownership.absent());
            case POLICY -> findPolicy(name).map(p -> owned(p.arn(), AwsCall.call("iam:ListPolicyTags",
                    () -> iam.get().listPolicyTags(r -> r.policyArn(p.arn())).tags()), labId).createdAt(p.createDate())).orElse(Ownership.absent());
            default -> throw new IllegalArgumentException(kind + " is not an IAM resource");
        };
    }

    private static Ownership owned(String id, List<Tag> tags, String labId) {
        boolean ours = tags != null && tags.stream().anyMatch(t -> Tags.LAB.equals(t.key()) && labId.equals(t.value()));
        return ours ? Ownership.ours(id) : Ownership.notOurs(id);
    }

    private Optional<Role> getRole(String name) {
        return absentIfMissing(() -> AwsCall.call("iam:GetRole", () -> iam.get().getRole(r -> r.roleName(name)).role()));
    }

    private Optional<InstanceProfile> getInstanceProfile(String name) {
        return absentIfMissing(() -> AwsCall.call("iam:GetInstanceProfile",
                () -> iam.get().getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile()));
    }

    /** Policy names are unique in an account whatever their path, so look at every customer policy. */
    private Optional<Policy> findPolicy(String name) {
        return AwsCall.call("iam:ListPolicies", () -> iam.get().listPoliciesPaginator(r -> r.scope(PolicyScopeType.LOCAL))
                .policies().stream().filter(p -> name.equals(p.policyName())).findFirst());
    }

    void removeRoleFromInstanceProfile(String profile, String role) {
        AwsCall.delete("iam:RemoveRoleFromInstanceProfile",
                () -> iam.get().removeRoleFromInstanceProfile(r -> r.instanceProfileName(profile).roleName(role)), "NoSuchEntity");
    }

    void deleteInstanceProfile(String name) {
        AwsCall.delete("iam:DeleteInstanceProfile", () -> iam.get().deleteInstanceProfile(r -> r.instanceProfileName(name)), "NoSuchEntity");
    }

    void detachRolePolicy(String role, String policyArn) {
        AwsCall.delete("iam:DetachRolePolicy", () -> iam.get().detachRolePolicy(r -> r.roleName(role).policyArn(policyArn)), "NoSuchEntity");
    }

    void deleteRole(String name) {
        AwsCall.delete("iam:DeleteRole", () -> iam.get().deleteRole(r -> r.roleName(name)), "NoSuchEntity");
    }

    void deletePolicy(String policyArn) {
        AwsCall.delete("iam:DeletePolicy", () -> iam.get().deletePolicy(r -> r.policyArn(policyArn)), "NoSuchEntity");
    }

    /** RoleLab's IAM resources (under /rolelab/) and the lab each belongs to. */
    List<TaggedResource> tagged() {
        List<TaggedResource> out = new ArrayList<>();
        IamClient c = iam.get();
        AwsCall.run("iam:ListRoles", () -> c.listRolesPaginator(r -> r.pathPrefix(Tags.IAM_PATH)).roles().forEach(role ->
                labOf(c.listRoleTags(t -> t.roleName(role.roleName())).tags())
                        .ifPresent(lab -> out.add(new TaggedResource(ResourceKind.ROLE, role.roleName(), role.arn(), lab)))));
        AwsCall.run("iam:ListPolicies", () -> c.listPoliciesPaginator(r -> r.scope(PolicyScopeType.LOCAL).pathPrefix(Tags.IAM_PATH))
                .policies().forEach(p -> labOf(c.listPolicyTags(t -> t.policyArn(p.arn())).tags())
                        .ifPresent(lab -> out.add(new TaggedResource(ResourceKind.POLICY, p.policyName(), p.arn(), lab)))));
        AwsCall.run("iam:ListInstanceProfiles", () -> c.listInstanceProfilesPaginator(r -> r.pathPrefix(Tags.IAM_PATH))
                .instanceProfiles().forEach(p -> labOf(c.listInstanceProfileTags(t -> t.instanceProfileName(p.instanceProfileName())).tags())
                        .ifPresent(lab -> out.add(new TaggedResource(ResourceKind.INSTANCE_PROFILE, p.instanceProfileName(), p.arn(), lab)))));
        return out;
    }

    private static Optional<String> labOf(List<Tag> tags) {
        return tags.stream().filter(t -> Tags.LAB.equals(t.key())).map(Tag::value).findFirst();
    }

    /**
     * Asks the IAM policy simulator what the role may do.
     *
     * @return decision per action for the resource ("allowed", "implicitDeny", "explicitDeny")
     */
    Map<String, String> simulate(String roleArn, List<String> actions, String resourceArn) {
        List<EvaluationResult> results = AwsCall.call("iam:SimulatePrincipalPolicy", () -> iam.get().simulatePrincipalPolicyPaginator(r -> r
                .policySourceArn(roleArn).actionNames(actions).resourceArns(resourceArn)).evaluationResults().stream().toList());
        return decisions(results, resourceArn);
    }

    private static <T> Optional<T> absentIfMissing(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (CloudException e) {
            if ("NoSuchEntity".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Asks the IAM policy simulator what a document would allow, before it exists. Context entries are
     * sent only when there are some: an empty {@code ContextEntries=} is a parameter IAM never needs.
     */
    Map<String, String> simulateCustomPolicy(String policyJson, List<String> actions, String resourceArn, Map<String, String> context) {
        List<ContextEntry> entries = context.entrySet().stream().map(e -> ContextEntry.builder().contextKeyName(e.getKey())
                .contextKeyType(e.getKey().equalsIgnoreCase("aws:SecureTransport") ? ContextKeyTypeEnum.BOOLEAN : ContextKeyTypeEnum.STRING)
                .contextKeyValues(e.getValue()).build()).toList();
        List<EvaluationResult> results = AwsCall.call("iam:SimulateCustomPolicy", () -> iam.get().simulateCustomPolicyPaginator(r -> {
            r.policyInputList(policyJson).actionNames(actions).resourceArns(resourceArn);
            if (!entries.isEmpty()) {
                r.contextEntries(entries);
            }
        }).evaluationResults().stream().toList());
        return decisions(results, resourceArn);
    }

    /** Per action, the simulator's decision for {@code resourceArn} (its resource-specific answer where it gives one). */
    private static Map<String, String> decisions(List<EvaluationResult> results, String resourceArn) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (EvaluationResult r : results) {
            String decision = r.evalDecisionAsString();
            if (r.resourceSpecificResults() != null && !r.resourceSpecificResults().isEmpty()) {
                decision = r.resourceSpecificResults().stream().filter(x -> resourceArn.equals(x.evalResourceName()))
                        .map(x -> x.evalResourceDecisionAsString()).findFirst().orElse(decision);
            }
            out.put(r.evalActionName(), decision);
        }
        return out;
    }
}
