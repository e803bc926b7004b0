package dev.rolelab.cloud;

/** Everything RunInstances needs from the plan. */
public record LaunchRequest(String name, String labId, String imageId, String instanceType, String subnetId,
                            String securityGroupId, String keyName, String instanceProfile) { }
