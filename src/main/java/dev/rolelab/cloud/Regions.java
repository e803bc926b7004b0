package dev.rolelab.cloud;

import dev.rolelab.lab.Partition;
import java.util.Set;

/**
 * The regions and partitions AWS has, as the AWS SDK knows them (the adapter reads the SDK's own
 * metadata; the practice cloud is handed the same catalogue, so it rehearses every region there is).
 */
public interface Regions {

    /** Every region id (the SDK's global pseudo-regions left out). */
    Set<String> known();

    /**
     * The partition a region lives in.
     *
     * @throws IllegalArgumentException for a region id no partition claims
     */
    Partition partition(String region);

    /** The region's name as AWS writes it ("US East (N. Virginia)"), or the id when the SDK has none. */
    String name(String region);

    /**
     * Whether an account must enable the region before using it. AWS enables the regions launched before
     * 20 March 2019 by default; every later one is an opt-in region.
     */
    boolean optIn(String region);
}
