package dev.rolelab.lab;

import java.util.Objects;

/**
 * An AWS partition (aws, aws-cn, aws-us-gov, …): a separate AWS with its own accounts, ARNs, endpoints
 * and service principals. The values come from the AWS SDK's partition metadata, supplied by the cloud
 * adapter (this layer does not import the SDK), so a region AWS adds later is not missed.
 *
 * @param id           the partition in ARNs: {@code aws}, {@code aws-cn}, {@code aws-us-gov}
 * @param dnsSuffix    the domain of its endpoints: {@code amazonaws.com}, {@code amazonaws.com.cn}
 * @param ec2Principal the EC2 service principal a role's trust policy names: {@code ec2.amazonaws.com},
 *                     {@code ec2.amazonaws.com.cn} in China
 */
public record Partition(String id, String dnsSuffix, String ec2Principal) {

    public Partition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dnsSuffix, "dnsSuffix");
        Objects.requireNonNull(ec2Principal, "ec2Principal");
    }

    /** What every ARN in this partition starts with: {@code arn:aws-cn:}. */
    public String arnPrefix() {
        return "arn:" + id + ":";
    }

    /** {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}; region empty for IAM and other global services. */
    public String arn(String service, String region, String account, String resource) {
        return arnPrefix() + service + ":" + region + ":" + account + ":" + resource;
    }

    /** The ECR registry host of an account in a region of this partition. */
    public String registryHost(String account, String region) {
        return account + ".dkr.ecr." + region + "." + dnsSuffix;
    }
}
