package dev.rolelab.cloud.aws;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients, built on first use (building one costs class loading, so nothing is built before a
 * window or a command needs it), all on the one url-connection HTTP client.
 */
final class AwsClients implements AutoCloseable {

    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;
    final Lazy<IamClient> iam;
    final Lazy<Ec2Client> ec2;
    final Lazy<EcrClient> ecr;
    final Lazy<SsmClient> ssm;
    final Lazy<StsClient> sts;

    AwsClients(AwsSettings settings) {
        this.settings = settings;
        if (settings.credentials() != null) {
            credentials = settings.credentials();
        } else if (settings.profile() != null) {
            credentials = ProfileCredentialsProvider.builder().profileName(settings.profile()).build();
        } else {
            credentials = DefaultCredentialsProvider.builder().build();
        }
        Region region = Region.of(settings.region());
        // in an opt-in region, "bad credentials" answers most likely mean the region is not enabled (IAM is global: not there)
        boolean optIn = SdkRegions.CATALOGUE.optIn(settings.region());
        iam = new Lazy<>(() -> build(IamClient.builder(), globalRegion(settings.region()), false));
        ec2 = new Lazy<>(() -> build(Ec2Client.builder(), region, optIn));
        ecr = new Lazy<>(() -> build(EcrClient.builder(), region, optIn));
        ssm = new Lazy<>(() -> build(SsmClient.builder(), region, optIn));
        sts = new Lazy<>(() -> build(StsClient.builder(), region, optIn));
    }

    /** IAM is global: its endpoint lives in the partition's global region (from the SDK's partition metadata). */
    static Region globalRegion(String region) {
        return SdkRegions.CATALOGUE.iamRegion(region);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, Region region, boolean optIn) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        builder.overrideConfiguration(o -> {
            if (settings.immediateRetries()) {
                o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(5)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .build());
            }
            if (optIn) {
                o.addExecutionInterceptor(RegionNotEnabled.interceptor(region.id()));
            }
            if (settings.endpoint() != null) {
                o.addExecutionInterceptor(CustomEndpoint.interceptor(settings.endpoint()));
            }
        });
        return builder.build();
    }

    @Override
    public void close() {
        iam.close();
        ec2.close();
        ecr.close();
        ssm.close();
        sts.close();
    }

    /** A client made on first use. */
    static final class Lazy<T extends SdkAutoCloseable> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }

        void close() {
            T v = value;
            if (v != null) {
                v.close();
            }
        }
    }
}
