package dev.rolelab.cloud.aws;

/** For tests outside this package: AwsCloud settings pointed at a WireMock server. */
public final class AwsTestSettings {
    private AwsTestSettings() { }

    public static AwsSettings forWireMock(String baseUrl) {
        return AwsWire.settings(baseUrl);
    }
}
