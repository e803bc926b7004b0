package dev.rolelab.cli;

import picocli.CommandLine.Option;

/** Which account and region: shared by every command. */
final class Connection {
    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile from your AWS config (SSO profiles work). Default: the default credential chain.")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region. Default: AWS_REGION, the profile's region, else us-east-1.")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every AWS call to this endpoint (testing).")
    String endpointUrl;

    @Option(names = "--practice", description = "Practice mode: a simulated account on this computer; no AWS account, no credentials, nothing leaves the machine.")
    boolean practice;
}
