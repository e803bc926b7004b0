package dev.rolelab.practice;

import dev.rolelab.cloud.Regions;
import dev.rolelab.lab.Partition;
import java.util.Set;

/**
 * The regions a practice cloud knows when nothing hands it the SDK's catalogue (workflow tests that build a
 * {@link PracticeCloud} directly): the commercial regions every account has enabled, in the aws partition.
 * RoleLab itself always wires in the full catalogue ({@link PracticeCloud#withRegions}).
 */
final class SampleRegions implements Regions {

    static final SampleRegions INSTANCE = new SampleRegions();

    private static final Set<String> ENABLED_BY_DEFAULT = Set.of("us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
            "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2");
    private static final Partition AWS = new Partition("aws", "amazonaws.com", "ec2.amazonaws.com");

    private SampleRegions() { }

    @Override
    public Set<String> known() {
        return ENABLED_BY_DEFAULT;
    }

    @Override
    public Partition partition(String region) {
        if (!ENABLED_BY_DEFAULT.contains(region)) {
            throw new IllegalArgumentException("the practice cloud was given no region catalogue and does not know '" + region + "'");
        }
        return AWS;
    }

    @Override
    public String name(String region) {
        return region;
    }

    @Override
    public boolean optIn(String region) {
        return false;
    }
}
