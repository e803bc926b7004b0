package dev.rolelab.cli;

import picocli.CommandLine.Option;

/**
 * Which account and region: the options {@code plan}, {@code up} and {@code sweep} share, meaning the same in
 * each. ({@code down} and {@code status} take neither: each lab's ledger records its own.)
 */
final class Connection {
    @Option(names = "--practice", description = "Use practice mode: a simulated AWS account on this computer. "
            + "No AWS account or credentials are needed, and nothing leaves the machine.")
    boolean practice;

    @Option(names = "--profile", paramLabel = "NAME", description = "Use this profile from your AWS config (SSO profiles work). "
            + "Default: the AWS default credential chain.")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "Work in this AWS region. "
            + "Default: AWS_REGION, else the profile's region, else us-east-1 (with --practice: us-east-1).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every AWS call to this URL instead of AWS (for testing).")
    String endpointUrl;
}
