package dev.rolelab.cloud;

import dev.rolelab.lab.ResourceKind;
import java.util.Map;
import java.util.Set;

/**
 * AWS error codes in words a person can act on. Shared by the SDK adapter (real errors) and the
 * practice cloud (simulated ones), so both read the same.
 */
public final class CloudErrors {

    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnauthorizedAccess", "Blocked", "OptInRequired");
    private static final Set<String> CREDENTIALS = Set.of("ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId",
            "UnrecognizedClientException", "AuthFailure", "SignatureDoesNotMatch", "InvalidToken", "MissingAuthenticationToken");
    private static final Set<String> CLASH = Set.of("EntityAlreadyExists", "RepositoryAlreadyExistsException",
            "InvalidGroup.Duplicate", "InvalidKeyPair.Duplicate");
    private static final Set<String> CAPACITY = Set.of("VcpuLimitExceeded", "InsufficientInstanceCapacity", "Unsupported",
            "InstanceLimitExceeded", "InsufficientFreeAddressesInSubnet");
    private static final Set<String> NOT_FOUND = Set.of("NoSuchEntity", "RepositoryNotFoundException", "InvalidInstanceID.NotFound",
            "InvalidGroup.NotFound", "InvalidKeyPair.NotFound", "ParameterNotFound", "InvalidSubnetID.NotFound", "InvalidAMIID.NotFound");
    private static final Set<String> CONFLICT = Set.of("DeleteConflict", "DependencyViolation", "IncorrectInstanceState",
            "ConcurrentModification", "LimitExceeded");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException", "RequestThrottled", "ServiceUnavailable", "InternalError", "InternalFailure");

    private static final Map<String, String> THING = Map.ofEntries(
            Map.entry("RepositoryAlreadyExistsException", "repository"),
            Map.entry("InvalidGroup.Duplicate", "security group"),
            Map.entry("InvalidKeyPair.Duplicate", "key pair"));

    public static final String SIGN_IN = "sign in again: `aws sso login --profile NAME` for an SSO profile, or `aws configure` "
            + "for access keys; or use Practice mode, which needs no account";

    private CloudErrors() { }

    public static CloudException.Kind kindOf(String code) {
        if (code == null) {
            return CloudException.Kind.OTHER;
        }
        if (DENIED.contains(code)) {
            return CloudException.Kind.ACCESS_DENIED;
        }
        if (CREDENTIALS.contains(code)) {
            return CloudException.Kind.CREDENTIALS;
        }
        if (CLASH.contains(code)) {
            return CloudException.Kind.CLASH;
        }
        if (CAPACITY.contains(code)) {
            return CloudException.Kind.CAPACITY;
        }
        if (NOT_FOUND.contains(code)) {
            return CloudException.Kind.NOT_FOUND;
        }
        if (CONFLICT.contains(code)) {
            return CloudException.Kind.CONFLICT;
        }
        if (THROTTLED.contains(code)) {
            return CloudException.Kind.THROTTLED;
        }
        if (code.startsWith("Invalid") || code.startsWith("Malformed") || code.equals("ValidationError")) {
            return CloudException.Kind.INVALID;
        }
        return CloudException.Kind.OTHER;
    }

    /**
     * Words an AWS error.
     *
     * @param code       AWS's error code
     * @param awsMessage AWS's own message (shown for context; EC2's encoded authorization blobs are cut)
     * @param operation  the call as an IAM action, e.g. {@code ec2:RunInstances}
     */
    public static CloudException of(String code, String awsMessage, String operation, Throwable cause) {
        CloudException.Kind kind = kindOf(code);
        String aws = awsMessage == null ? "" : cut(awsMessage);
        String message;
        String hint;
        switch (kind) {
            case ACCESS_DENIED -> {
                message = "AWS refused " + operation + ": the identity RoleLab runs as is not allowed to call it (" + aws + ")";
                hint = "allow " + operation + " for your user or role (the README lists the minimal policy RoleLab needs)";
            }
            case CREDENTIALS -> {
                message = "AWS did not accept your credentials: they are expired or not valid (" + aws + ")";
                hint = SIGN_IN;
            }
            case CLASH -> {
                message = ResourceKind.withArticle(THING.getOrDefault(code, "resource")) + " with that name already exists (" + aws + ")";
                hint = "pick another name; RoleLab never takes over something it did not create";
            }
            case CAPACITY -> {
                message = "AWS cannot start this instance now: " + aws;
                hint = "try another instance type (t3.micro, t3.small, t4g.micro), another availability zone, or another region;"
                        + " for a vCPU limit, ask for a quota increase in Service Quotas";
            }
            case THROTTLED -> {
                message = "AWS asked RoleLab to slow down (" + aws + ")";
                hint = "wait a minute and try again";
            }
            case CONFLICT -> {
                message = "AWS still holds a dependency: " + aws;
                hint = "wait a moment and try again; something that uses it may still be shutting down";
            }
            case NOT_FOUND -> {
                message = "not found: " + aws;
                hint = "check the region and the name";
            }
            default -> {
                message = "AWS refused " + operation + ": " + aws;
                hint = "";
            }
        }
        return new CloudException(kind, code, operation, message, hint, cause);
    }

    private static String cut(String awsMessage) {
        int encoded = awsMessage.indexOf("Encoded authorization failure message");
        String m = encoded > 0 ? awsMessage.substring(0, encoded).trim() : awsMessage;
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
