package dev.rolelab.cloud;

import dev.rolelab.lab.ResourceKind;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS error codes in words a person can act on. Shared by the SDK adapter (real errors) and the
 * practice cloud (simulated ones), so both read the same. Each refusal says what it is and what to do;
 * the kind tells callers whether a retry can help (only CONFLICT, THROTTLED and some NOT_FOUND can).
 */
public final class CloudErrors {

    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnauthorizedAccess");
    private static final Set<String> CREDENTIALS = Set.of("ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId",
            "UnrecognizedClientException", "AuthFailure", "SignatureDoesNotMatch", "InvalidSignatureException", "InvalidToken",
            "MissingAuthenticationToken", "IncompleteSignature");
    private static final Set<String> ACCOUNT = Set.of("PendingVerification", "OptInRequired", "Blocked");
    private static final Set<String> CLOCK = Set.of("RequestExpired", "RequestTimeTooSkewed");
    private static final Set<String> QUOTA = Set.of("LimitExceeded", "LimitExceededException", "VcpuLimitExceeded",
            "InstanceLimitExceeded", "RepositoryLimitExceededException");
    private static final Set<String> CLASH = Set.of("EntityAlreadyExists", "RepositoryAlreadyExistsException",
            "InvalidGroup.Duplicate", "InvalidKeyPair.Duplicate");
    private static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity", "Unsupported",
            "InsufficientFreeAddressesInSubnet");
    private static final Set<String> NOT_FOUND = Set.of("NoSuchEntity", "RepositoryNotFoundException", "InvalidInstanceID.NotFound",
            "InvalidGroup.NotFound", "InvalidKeyPair.NotFound", "ParameterNotFound", "InvalidSubnetID.NotFound", "InvalidAMIID.NotFound",
            "ImageNotFoundException");
    private static final Set<String> CONFLICT = Set.of("DeleteConflict", "DependencyViolation", "IncorrectInstanceState",
            "ConcurrentModification");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException", "RequestThrottled", "ServiceUnavailable", "InternalError", "InternalFailure");

    private static final Map<String, String> THING = Map.ofEntries(
            Map.entry("RepositoryAlreadyExistsException", "repository"),
            Map.entry("InvalidGroup.Duplicate", "security group"),
            Map.entry("InvalidKeyPair.Duplicate", "key pair"));

    /** "User: ARN is not authorized to perform: iam:PassRole on resource: ARN": AWS names the action it refused. */
    private static final Pattern REFUSED_ACTION = Pattern.compile("not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9*]+)(?: on resource:? (\\S+))?");

    /**
     * The ways to sign in, newest and keyless first. Access keys come last on purpose: long-term keys in a
     * file on disk are exactly what this lab teaches to replace with a role.
     */
    public static final String SIGN_IN = "sign in with `aws login` (AWS CLI 2.32 or later: your console sign-in, short-lived "
            + "credentials, no keys stored), or `aws sso login --profile NAME` for IAM Identity Center; only as a last resort "
            + "`aws configure` with access keys, which stay valid until someone deletes them, the very thing an IAM role avoids. "
            + "Then start RoleLab again (with --profile NAME if you signed in to a named profile), or use Practice mode, "
            + "which needs no account";

    /** "Invalid value 't9.huge' for InstanceType.": RunInstances names the type it does not have. */
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("Invalid value '([^']*)' for InstanceType");
    /** "The subnet ID 'subnet-0a1b2c3d' does not exist". */
    private static final Pattern UNKNOWN_SUBNET = Pattern.compile("subnet ID '([^']*)'");

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
        if (ACCOUNT.contains(code)) {
            return CloudException.Kind.ACCOUNT;
        }
        if (CLOCK.contains(code)) {
            return CloudException.Kind.CLOCK;
        }
        if (QUOTA.contains(code)) {
            return CloudException.Kind.QUOTA;
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
        String raw = awsMessage == null ? "" : awsMessage;
        String aws = cut(raw);
        if ("InvalidParameterCombination".equals(code) && raw.contains("not eligible for Free Tier")) {
            return new CloudException(CloudException.Kind.ACCOUNT, code, operation,
                    "your AWS account is on the free plan, which launches only free-tier-eligible instance types and images (" + aws + ")",
                    "choose an eligible type: t3.micro (RoleLab's default), t3.small, t4g.micro or t4g.small; `aws ec2 describe-instance-types "
                            + "--filters Name=free-tier-eligible,Values=true` lists them for your region. Or upgrade the account to the paid plan "
                            + "(Billing and Cost Management console); your free-plan credits carry over", cause);
        }
        Matcher unknownType = UNKNOWN_TYPE.matcher(raw);
        if ("InvalidParameterValue".equals(code) && unknownType.find()) {
            String type = unknownType.group(1);
            return new CloudException(CloudException.Kind.INVALID, code, operation,
                    "EC2 has no instance type " + type + " (" + aws + ")",
                    "check the type's spelling (family.size, such as t3.micro or m7i-flex.large); `aws ec2 describe-instance-type-offerings "
                            + "--location-type availability-zone --filters Name=instance-type,Values=" + type + "` lists the zones of this "
                            + "region that offer it (an empty list: not here, or no such type). Or choose t3.micro (RoleLab's default), "
                            + "t3.small or t4g.micro", cause);
        }
        if (("SignatureDoesNotMatch".equals(code) || "InvalidSignatureException".equals(code)) && raw.contains("Signature expired")) {
            return clock(code, aws, operation, cause);
        }
        CloudException.Kind kind = kindOf(code);
        String message;
        String hint;
        switch (kind) {
            case ACCESS_DENIED -> {
                Matcher m = REFUSED_ACTION.matcher(raw);
                boolean named = m.find();
                String action = named ? m.group(1) : operation;
                String resource = named && m.group(2) != null ? " on " + m.group(2).replaceAll("[.,;]+$", "") : "";
                boolean other = !action.equals(operation);
                message = "AWS refused " + operation + ": the identity RoleLab runs as is not allowed " + action + resource
                        + (other ? ", which " + operation + " needs as well" : "") + " (" + aws + ")";
                hint = "allow " + action + resource + " for your user or role (the README lists the least policy RoleLab needs)";
                if (!named && operation.startsWith("ec2:")) {
                    hint += "; the refused action may be another one this call needs, such as iam:PassRole for the instance's role "
                            + "or ec2:CreateTags for its tags";
                }
                if (raw.contains("Encoded authorization failure message")) {
                    hint += "; AWS's encoded reason is in the log file: `aws sts decode-authorization-message --encoded-message MESSAGE "
                            + "--query DecodedMessage --output text` shows which statement refused it (needs sts:DecodeAuthorizationMessage)";
                }
            }
            case CREDENTIALS -> {
                if ("ExpiredToken".equals(code) || "ExpiredTokenException".equals(code)) {
                    message = "your AWS sign-in has expired (" + aws + ")";
                } else {
                    message = "AWS did not accept your credentials: they are expired or not valid (" + aws + ")";
                }
                hint = SIGN_IN;
            }
            case ACCOUNT -> {
                switch (code) {
                    case "PendingVerification" -> {
                        message = "AWS is still verifying your account for this region, so it does not launch resources there yet (" + aws + ")";
                        hint = "wait for AWS's e-mail saying the account is verified (usually minutes, up to 4 hours), then run RoleLab again; "
                                + "if it takes longer, write to aws-verification@amazon.com. Retrying now does not help";
                    }
                    case "Blocked" -> {
                        message = "AWS has blocked this account, so it accepts no new resources (" + aws + ")";
                        hint = "open a case with AWS Support under Account and billing (free for every account); a failed payment or an "
                                + "unfinished verification is the usual reason";
                    }
                    default -> {
                        message = "your account is not signed up for this service here (" + aws + ")";
                        hint = "finish the account's sign-up (payment method and phone verification) and wait for the activation e-mail; "
                                + "in an opt-in region, enable the region in your account settings (console: account menu > Account > AWS Regions)";
                    }
                }
            }
            case CLOCK -> {
                return clock(code, aws, operation, cause);
            }
            case QUOTA -> {
                if (raw.contains("InstanceSessionsPerInstanceProfile")) {
                    return new CloudException(kind, code, operation,
                            "the instance profile already holds a role, and an instance profile holds exactly one (" + aws + ")",
                            "remove the other role from the profile (`aws iam remove-role-from-instance-profile`), or use another "
                                    + "instance profile name", cause);
                }
                message = "an AWS quota is reached, so " + operation + " cannot create more (" + aws + ")";
                hint = operation.startsWith("iam:")
                        ? "delete IAM roles, policies or instance profiles you no longer use (`rolelab sweep` finds RoleLab's leftovers), "
                        + "or ask for a higher IAM quota in the Service Quotas console"
                        : "remove what you no longer use in this region (`rolelab sweep` finds RoleLab's leftovers), choose another instance type (a smaller one) "
                        + "or ask for a higher quota in the Service Quotas console";
            }
            case CLASH -> {
                message = ResourceKind.withArticle(THING.getOrDefault(code, "resource")) + " with that name already exists (" + aws + ")";
                hint = "pick another name; RoleLab never takes over something it did not create";
            }
            case CAPACITY -> {
                message = "AWS cannot start this instance now: " + aws;
                hint = "try another instance type (t3.micro, t3.small, t4g.micro), another availability zone, or another region";
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
                switch (code) {
                    case "ImageNotFoundException" -> {
                        message = "the image is not in the repository (" + aws + ")";
                        hint = "the push did not finish, or pushed another tag: run the build-and-push step again and look at the push's output";
                    }
                    case "InvalidSubnetID.NotFound" -> {
                        Matcher subnet = UNKNOWN_SUBNET.matcher(raw);
                        message = "there is no subnet " + (subnet.find() ? subnet.group(1) + " " : "") + "in this region (" + aws + ")";
                        hint = "check the subnet id and the region: `aws ec2 describe-subnets --query \"Subnets[].[SubnetId,AvailabilityZone,VpcId]\"` "
                                + "lists this region's subnets; or choose no subnet, and RoleLab uses the default VPC";
                    }
                    case "ParameterNotFound" -> {
                        message = "the public parameter naming the newest Amazon Linux 2023 image is not published in this region ("
                                + (aws.isEmpty() ? "no message" : aws) + ")";
                        hint = "choose another region, or another instance type (the x86_64 and arm64 images have separate parameters)";
                    }
                    default -> {
                        message = "not found: " + aws;
                        hint = "check the region and the name";
                    }
                }
            }
            default -> {
                message = "AWS refused " + operation + ": " + aws;
                hint = "";
            }
        }
        return new CloudException(kind, code, operation, message, hint, cause);
    }

    /**
     * AWS's answer to a valid request in an opt-in region the account has not enabled: EC2 says AuthFailure,
     * STS InvalidClientTokenId, the JSON services UnrecognizedClientException, all as if the credentials were
     * wrong. Signing in again does not help; enabling the region does.
     */
    public static CloudException regionNotEnabled(String region, String code, String awsMessage, String operation, Throwable cause) {
        return new CloudException(CloudException.Kind.ACCOUNT, code, operation,
                region + " is an opt-in region, and AWS answers as if your credentials were wrong there until the account enables it ("
                        + cut(awsMessage == null ? "" : awsMessage) + ")",
                "enable the region in your account settings (console: account menu > Account > AWS Regions > " + region + " > Enable, "
                        + "or `aws account enable-region --region-name " + region + "`), wait until it shows Enabled (minutes, sometimes hours), "
                        + "then run again; or choose a region that is enabled by default, such as us-east-1 or eu-west-1", cause);
    }

    /**
     * A 401 whose body could not be read: EC2 answers AuthFailure (credentials not accepted) and OptInRequired
     * (the account's sign-up is not finished) with 401, so both causes are named.
     */
    public static CloudException unauthorized(String operation, Throwable cause) {
        return new CloudException(CloudException.Kind.CREDENTIALS, "HTTP 401", operation,
                "AWS answered 401 Unauthorized to " + operation + ": it did not accept your credentials (AuthFailure), or the account "
                        + "is not signed up for this service yet (OptInRequired)",
                SIGN_IN + ". If the account is new, finish its sign-up (payment method and phone verification) and wait for the "
                        + "activation e-mail", cause);
    }

    private static CloudException clock(String code, String aws, String operation, Throwable cause) {
        return new CloudException(CloudException.Kind.CLOCK, code, operation,
                "AWS rejected the request as expired: this computer's clock is off by more than 5 minutes (" + aws + ")",
                "set the clock right (turn on automatic time, e.g. `timedatectl set-ntp true` on Linux, or Date & Time settings), "
                        + "then run again", cause);
    }

    private static String cut(String awsMessage) {
        int encoded = awsMessage.indexOf("Encoded authorization failure message");
        String m = encoded > 0 ? awsMessage.substring(0, encoded).trim() : awsMessage;
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
