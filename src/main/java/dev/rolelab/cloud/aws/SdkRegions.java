package dev.rolelab.cloud.aws;

import dev.rolelab.cloud.Regions;
import dev.rolelab.lab.Partition;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/** {@link Regions} from the SDK's own region and partition metadata (the endpoints model it ships with). */
public final class SdkRegions implements Regions {

    /**
     * The commercial regions AWS launched before 20 March 2019, which every account has enabled ("Enable or
     * disable AWS Regions in your account", AWS Account Management guide). The list is closed: every region
     * launched since is opt-in, so a region the SDK learns later is treated as opt-in, never as enabled.
     */
    private static final Set<String> ENABLED_BY_DEFAULT = Set.of("us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
            "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2");

    public static final SdkRegions CATALOGUE = new SdkRegions();

    private final Set<String> known;

    private SdkRegions() {
        Set<String> ids = new TreeSet<>();
        for (Region r : Region.regions()) {
            if (!r.isGlobalRegion() && !r.id().contains("global")) {
                ids.add(r.id());
            }
        }
        known = Collections.unmodifiableSet(ids);
    }

    @Override
    public Set<String> known() {
        return known;
    }

    @Override
    public Partition partition(String region) {
        PartitionMetadata p = metadata(region);
        // EC2's principal carries the partition's DNS suffix: ec2.amazonaws.com.cn in China, where most
        // other services keep .amazonaws.com (IAM refuses ec2.amazonaws.com there: "Invalid principal in policy")
        return new Partition(p.id(), p.dnsSuffix(), "ec2." + p.dnsSuffix());
    }

    @Override
    public String name(String region) {
        RegionMetadata m = RegionMetadata.of(Region.of(region));
        return m == null ? region : m.description();
    }

    @Override
    public boolean optIn(String region) {
        return known.contains(region) && "aws".equals(metadata(region).id()) && !ENABLED_BY_DEFAULT.contains(region);
    }

    /** The region IAM (a global service) is called in: the partition's global pseudo-region where it has one. */
    Region iamRegion(String region) {
        Region global = Region.of(metadata(region).id() + "-global");
        return Region.regions().contains(global) ? global : Region.of(region);
    }

    private static PartitionMetadata metadata(String region) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("no region given");
        }
        RegionMetadata m = RegionMetadata.of(Region.of(region));
        // a region the SDK does not list yet still falls in the partition whose region pattern matches it
        PartitionMetadata p = m != null ? m.partition() : PartitionMetadata.of(Region.of(region));
        if (p == null) {
            throw new IllegalArgumentException("no AWS partition has a region named '" + region + "'");
        }
        return p;
    }
}
