package dev.rolelab.run;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import java.util.Optional;

/** The remedy offered when a region has no default VPC, for the CLI and the wizard alike. */
public final class DefaultVpc {

    private DefaultVpc() { }

    /**
     * Creates the region's default VPC. EC2 allows one per region and refuses a second with DefaultVpcAlreadyExists:
     * another run, a second click or the console made it since the look-up, and that one is as good.
     *
     * @return the new VPC's id, or empty when one already existed
     */
    public static Optional<String> create(Cloud cloud) {
        try {
            return Optional.of(cloud.createDefaultVpc());
        } catch (CloudException e) {
            if ("DefaultVpcAlreadyExists".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
