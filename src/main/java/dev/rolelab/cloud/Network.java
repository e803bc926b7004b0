package dev.rolelab.cloud;

/** Where the instance goes: a VPC, and a subnet in an availability zone that offers the instance type. */
public record Network(String vpcId, String subnetId, String availabilityZone) { }
