package dev.rolelab.lab;

/** The AWS partition a region lives in: it goes into every ARN RoleLab writes. */
public final class Partition {
    private Partition() { }

    public static String of(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    /** The DNS suffix of service endpoints in the region's partition (for the ECR registry host). */
    public static String dnsSuffix(String region) {
        return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    }
}
