package dev.rolelab.cloud;

/** Who RoleLab acts as: from STS GetCallerIdentity. */
public record Identity(String account, String arn, String userId) { }
