package dev.rolelab.run;

import dev.rolelab.lab.InstanceFamily;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Partition;
import dev.rolelab.lab.PolicyDocuments;
import dev.rolelab.lab.Step;

/** The AWS CLI command a step corresponds to: shown on demand, so learners can map each step to the API. */
public final class CliEquivalents {
    private CliEquivalents() { }

    /** @param partition the region's partition, for the ARNs in the commands */
    public static String of(Step step, LabSpec s, String labId, Partition partition) {
        String tags = "Key=rolelab:lab,Value=" + labId;
        String r = " --region " + s.region();
        return switch (step) {
            case IDENTITY -> "aws sts get-caller-identity";
            case NETWORK -> "aws ec2 describe-vpcs --filters Name=isDefault,Values=true" + r
                    + "\naws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values=" + s.instanceType() + r;
            case AMI -> "aws ssm get-parameter --name " + s.architecture().amiParameter() + r;
            case REPOSITORY -> "aws ecr create-repository --repository-name " + s.names().repository()
                    + " --image-scanning-configuration scanOnPush=true --tags " + tags + r;
            case POLICY -> "aws iam create-policy --policy-name " + s.names().policy() + " --path /rolelab/ --policy-document file://policy.json --tags " + tags;
            case ROLE -> "aws iam create-role --role-name " + s.names().role() + " --path /rolelab/ --assume-role-policy-document file://trust.json --tags " + tags;
            case POLICY_ATTACHMENT -> "aws iam attach-role-policy --role-name " + s.names().role() + " --policy-arn "
                    + PolicyDocuments.policyArn(partition, "ACCOUNT", s.names().policy());
            case INSTANCE_PROFILE -> "aws iam create-instance-profile --instance-profile-name " + s.names().instanceProfile() + " --path /rolelab/ --tags " + tags;
            case ROLE_IN_PROFILE -> "aws iam add-role-to-instance-profile --instance-profile-name " + s.names().instanceProfile() + " --role-name " + s.names().role();
            case SECURITY_GROUP -> "aws ec2 create-security-group --group-name " + s.names().securityGroup() + " --description \"RoleLab\" --vpc-id VPC" + r
                    + "\naws ec2 authorize-security-group-ingress --group-id SG --protocol tcp --port 22 --cidr " + s.sshCidr() + r;
            case KEY_PAIR -> switch (s.key().mode()) {
                case GENERATE -> "ssh-keygen -t ed25519 -f KEYFILE && aws ec2 import-key-pair --key-name " + s.key().name() + " --public-key-material fileb://KEYFILE.pub" + r;
                case AWS -> "aws ec2 create-key-pair --key-name " + s.key().name() + " --key-type ed25519 --query KeyMaterial --output text > KEYFILE" + r;
                case EXISTING -> "(your key pair " + s.key().name() + ")";
            };
            case INSTANCE -> "aws ec2 run-instances --image-id AMI --instance-type " + s.instanceType() + " --key-name " + s.key().name()
                    + " --iam-instance-profile Name=" + s.names().instanceProfile()
                    + " --network-interfaces DeviceIndex=0,SubnetId=SUBNET,Groups=SG,AssociatePublicIpAddress=true"
                    + " --metadata-options HttpTokens=required,HttpPutResponseHopLimit=2"
                    + (InstanceFamily.burstable(s.instanceType()) ? " --credit-specification CpuCredits=standard" : "") + r
                    + "\naws ec2 wait instance-running --instance-ids INSTANCE" + r;
        };
    }
}
