package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {

    // the values the SDK's partition metadata gives (SdkRegionsTest checks the adapter reads them so)
    static final Partition AWS = new Partition("aws", "amazonaws.com", "ec2.amazonaws.com");
    static final Partition CHINA = new Partition("aws-cn", "amazonaws.com.cn", "ec2.amazonaws.com.cn");
    static final Partition GOVCLOUD = new Partition("aws-us-gov", "amazonaws.com", "ec2.amazonaws.com");

    @Test
    void permissionsPolicyIsExactlyTheLeastPrivilegeDocument() {
        String expected = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "PushToTheLabRepository",
                      "Effect": "Allow",
                      "Action": [
                        "ecr:CompleteLayerUpload",
                        "ecr:UploadLayerPart",
                        "ecr:InitiateLayerUpload",
                        "ecr:BatchCheckLayerAvailability",
                        "ecr:PutImage",
                        "ecr:BatchGetImage"
                      ],
                      "Resource": "arn:aws:ecr:eu-west-1:123456789012:repository/ec2-ecr-test"
                    },
                    {
                      "Sid": "LogInToTheRegistry",
                      "Effect": "Allow",
                      "Action": "ecr:GetAuthorizationToken",
                      "Resource": "*"
                    }
                  ]
                }""";
        assertEquals(expected, Json.pretty(PolicyDocuments.permissions(AWS, "eu-west-1", "123456789012", "ec2-ecr-test")));
    }

    @Test
    void trustPolicyIsExactlyEc2AssumeRole() {
        String expected = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {
                        "Service": "ec2.amazonaws.com"
                      },
                      "Action": "sts:AssumeRole"
                    }
                  ]
                }""";
        assertEquals(expected, Json.pretty(PolicyDocuments.trust(AWS)));
    }

    @Test
    void repositoryArnCarriesThePartition() {
        assertEquals("arn:aws:ecr:us-east-1:1:repository/r", PolicyDocuments.repositoryArn(AWS, "us-east-1", "1", "r"));
        assertEquals("arn:aws-cn:ecr:cn-north-1:1:repository/r", PolicyDocuments.repositoryArn(CHINA, "cn-north-1", "1", "r"));
        assertEquals("arn:aws-us-gov:ecr:us-gov-west-1:1:repository/r", PolicyDocuments.repositoryArn(GOVCLOUD, "us-gov-west-1", "1", "r"));
        assertEquals("arn:aws-cn:iam::1:policy/rolelab/p", PolicyDocuments.policyArn(CHINA, "1", "p"));
    }

    @Test
    void trustPolicyNamesThePartitionsEc2Principal() {
        assertEquals("ec2.amazonaws.com.cn", PolicyDocuments.trust(CHINA).get("Statement").get(0).get("Principal").get("Service").asText());
        assertEquals("111.dkr.ecr.cn-north-1.amazonaws.com.cn", CHINA.registryHost("111", "cn-north-1"));
    }

    @Test
    void onlyBurstableFamiliesTakeCreditsAndXenIsKnown() {
        assertEquals(true, InstanceFamily.burstable("t3.micro"));
        assertEquals(true, InstanceFamily.burstable("t3a.small"));
        assertEquals(true, InstanceFamily.burstable("t4g.micro"));
        assertEquals(true, InstanceFamily.burstable("t2.micro"));
        assertEquals(false, InstanceFamily.burstable("trn1.2xlarge"));
        assertEquals(false, InstanceFamily.burstable("m7i-flex.large"));
        assertEquals(true, InstanceFamily.xen("t2.micro"));
        assertEquals(true, InstanceFamily.xen("m4.large"));
        assertEquals(false, InstanceFamily.xen("t3.micro"));
        assertEquals(false, InstanceFamily.xen("i3.metal"));
        assertEquals(false, InstanceFamily.xen("p3dn.24xlarge"));
    }

    @Test
    void architectureFollowsTheInstanceFamily() {
        assertEquals(Architecture.X86_64, Architecture.of("t3.micro"));
        assertEquals(Architecture.ARM64, Architecture.of("t4g.micro"));
        assertEquals(Architecture.ARM64, Architecture.of("m7gd.large"));
        assertEquals(Architecture.ARM64, Architecture.of("c6gn.xlarge"));
        assertEquals(Architecture.X86_64, Architecture.of("g5.xlarge"));
        assertEquals(Architecture.X86_64, Architecture.of("c7i.large"));
        assertEquals("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64", Architecture.ARM64.amiParameter());
    }
}
