package dev.rolelab.cloud.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How to reach AWS. Production uses {@link #forRegion}; tests point everything at WireMock and shorten
 * every wait.
 *
 * @param profile             a named profile from the AWS config (SSO included), or null for the default chain
 * @param endpoint            one endpoint for every service (tests, LocalStack-like setups), or null
 * @param credentials         explicit credentials (tests), or null for the profile / default chain
 * @param immediateRetries    retry throttling without pausing (tests)
 * @param waiterPoll          pause between waiter polls; null keeps the SDK's defaults
 * @param propagationDeadline how long RunInstances is retried while a new instance profile propagates
 * @param propagationPause    the first pause of that retry
 * @param checkIp             where to ask for this computer's public IP
 */
public record AwsSettings(String region, String profile, URI endpoint, AwsCredentialsProvider credentials,
                          boolean immediateRetries, Duration waiterPoll, Duration propagationDeadline,
                          Duration propagationPause, URI checkIp) {

    public static final URI CHECK_IP = URI.create("https://checkip.amazonaws.com/");

    /** AWS_REGION, then the profile's region, else us-east-1 (read from the local config only; no network). */
    public static String defaultRegion(String profile) {
        try {
            var chain = software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain.builder();
            if (profile != null) {
                chain.profileName(profile);
            }
            return chain.build().getRegion().id();
        } catch (RuntimeException e) {
            return "us-east-1";
        }
    }

    public static AwsSettings forRegion(String region, String profile, URI endpoint) {
        return new AwsSettings(region, profile, endpoint, null, false, null, Duration.ofMinutes(2), Duration.ofSeconds(2), CHECK_IP);
    }
}
