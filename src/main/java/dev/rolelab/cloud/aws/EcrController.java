package dev.rolelab.cloud.aws;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Ownership;
import dev.rolelab.cloud.TaggedResource;
import dev.rolelab.cloud.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;
import dev.rolelab.lab.ResourceKind;

/** ECR actions, one method per call. */
final class EcrController {

    private final Supplier<EcrClient> ecr;

    EcrController(Supplier<EcrClient> ecr) {
        this.ecr = ecr;
    }

    String createRepository(String name, String labId) {
        return AwsCall.call("ecr:CreateRepository", () -> ecr.get().createRepository(r -> r.repositoryName(name)
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .imageTagMutability(ImageTagMutability.MUTABLE)
                .tags(Tag.builder().key(Tags.LAB).value(labId).build())).repository().repositoryArn());
    }

    boolean exists(String name) {
        return describe(name).isPresent();
    }

    Ownership ownership(String name, String labId) {
        Optional<Repository> repo = describe(name);
        if (repo.isEmpty()) {
            return Ownership.absent();
        }
        String arn = repo.get().repositoryArn();
        boolean ours = AwsCall.call("ecr:ListTagsForResource", () -> ecr.get().listTagsForResource(r -> r.resourceArn(arn)).tags())
                .stream().anyMatch(t -> Tags.LAB.equals(t.key()) && labId.equals(t.value()));
        return (ours ? Ownership.ours(arn) : Ownership.notOurs(arn)).createdAt(repo.get().createdAt());
    }

    private Optional<Repository> describe(String name) {
        try {
            return AwsCall.call("ecr:DescribeRepositories", () -> ecr.get().describeRepositories(r -> r.repositoryNames(name))
                    .repositories().stream().findFirst());
        } catch (CloudException e) {
            if ("RepositoryNotFoundException".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void deleteRepository(String name) {
        AwsCall.delete("ecr:DeleteRepository", () -> ecr.get().deleteRepository(r -> r.repositoryName(name).force(true)),
                "RepositoryNotFoundException");
    }

    /** The image with {@code tag}, if pushed. */
    Optional<ImageDetail> image(String repository, String tag) {
        try {
            return AwsCall.call("ecr:DescribeImages", () -> ecr.get().describeImages(r -> r.repositoryName(repository)
                    .imageIds(ImageIdentifier.builder().imageTag(tag).build())).imageDetails().stream().findFirst());
        } catch (CloudException e) {
            if ("ImageNotFoundException".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    List<TaggedResource> tagged() {
        List<TaggedResource> out = new ArrayList<>();
        AwsCall.run("ecr:DescribeRepositories", () -> ecr.get().describeRepositoriesPaginator(r -> { }).repositories().forEach(repo ->
                ecr.get().listTagsForResource(t -> t.resourceArn(repo.repositoryArn())).tags().stream()
                        .filter(t -> Tags.LAB.equals(t.key())).findFirst()
                        .ifPresent(t -> out.add(new TaggedResource(ResourceKind.REPOSITORY, repo.repositoryName(), repo.repositoryArn(), t.value())))));
        return out;
    }
}
