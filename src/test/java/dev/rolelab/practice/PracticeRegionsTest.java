package dev.rolelab.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.aws.SdkRegions;
import org.junit.jupiter.api.Test;

/** The simulated account knows every region the SDK knows, and opt-in regions start not enabled, as in a new account. */
class PracticeRegionsTest {

    private static PracticeCloud in(String region) {
        return new PracticeCloud(null, region, PracticeCloud.Timing.INSTANT).withRegions(SdkRegions.CATALOGUE);
    }

    @Test
    void everyRegionAndPartitionTheSdkKnows() {
        PracticeCloud china = in("cn-north-1");
        assertTrue(china.knownRegions().containsAll(java.util.List.of("cn-north-1", "us-gov-west-1", "af-south-1", "eu-south-2")));
        assertTrue(china.identity().arn().startsWith("arn:aws-cn:iam::"), china.identity().arn());
        assertTrue(china.createRole("containerise", "{}", "lab-1").startsWith("arn:aws-cn:iam::"));
        assertTrue(in("us-gov-west-1").createRepository("ec2-ecr-test", "lab-1").startsWith("arn:aws-us-gov:ecr:us-gov-west-1:"));
    }

    @Test
    void anOptInRegionAnswersLikeAwsUntilItIsEnabled() {
        PracticeCloud capeTown = in("af-south-1");
        CloudException sts = assertThrows(CloudException.class, capeTown::identity);
        assertEquals("InvalidClientTokenId", sts.code());
        assertTrue(sts.hint().contains("enable the region in your account settings"), sts.hint());
        CloudException ec2 = assertThrows(CloudException.class, () -> capeTown.createSecurityGroup("ec2-ecr-test", "RoleLab", "vpc-0practice00000001", "lab-1"));
        assertEquals("AuthFailure", ec2.code());
        capeTown.createPolicy("ECRContainerise", "{}", "lab-1"); // IAM is global: it answers in any region

        capeTown.enableRegion("af-south-1");
        assertEquals(PracticeCloud.ACCOUNT, capeTown.identity().account());
    }
}
