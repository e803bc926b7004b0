package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {

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
        assertEquals(expected, Json.pretty(PolicyDocuments.permissions("eu-west-1", "123456789012", "ec2-ecr-test")));
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
        assertEquals(expected, Json.pretty(PolicyDocuments.trust()));
    }

    @Test
    void repositoryArnCarriesThePartition() {
        assertEquals("arn:aws:ecr:us-east-1:1:repository/r", PolicyDocuments.repositoryArn("us-east-1", "1", "r"));
        assertEquals("arn:aws-cn:ecr:cn-north-1:1:repository/r", PolicyDocuments.repositoryArn("cn-north-1", "1", "r"));
        assertEquals("arn:aws-us-gov:ecr:us-gov-west-1:1:repository/r", PolicyDocuments.repositoryArn("us-gov-west-1", "1", "r"));
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
