package dev.rolelab.cloud;

/** An instance as DescribeInstances shows it. */
public record Instance(String id, String state, String publicIp, String availabilityZone) { }
