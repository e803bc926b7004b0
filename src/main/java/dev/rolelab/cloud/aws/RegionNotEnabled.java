package dev.rolelab.cloud.aws;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * In an opt-in region the account has not enabled, AWS answers every call as if the credentials were wrong
 * (EC2 AuthFailure, STS InvalidClientTokenId, JSON services UnrecognizedClientException). The interceptor, on
 * each client of such a region, attaches this marker as the cause of those answers, so {@link AwsCall} words
 * them as what they most likely are. The SDK demands the same exception class back, hence a cause rather
 * than a new exception. It runs after the SDK's retries: it changes the wording, never the retrying.
 */
final class RegionNotEnabled extends RuntimeException {

    private static final Set<String> CODES = Set.of("AuthFailure", "InvalidClientTokenId", "UnrecognizedClientException");

    final String region;

    private RegionNotEnabled(String region) {
        super(region + " may not be enabled in this account", null, false, false);
        this.region = region;
    }

    /** The marked region, if {@code e} is a credentials refusal from a client of an opt-in region. */
    static String regionOf(AwsServiceException e) {
        return e.getCause() instanceof RegionNotEnabled r ? r.region : null;
    }

    static ExecutionInterceptor interceptor(String region) {
        return new ExecutionInterceptor() {
            @Override
            public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
                Throwable t = context.exception();
                if (t instanceof AwsServiceException e && e.getCause() == null && credentialsRefusal(e)) {
                    return e.toBuilder().cause(new RegionNotEnabled(region)).build();
                }
                return t;
            }
        };
    }

    /** EC2's 401 answers arrive without a readable body on the url-connection client, so a bare 401 counts too. */
    static boolean credentialsRefusal(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null ? e.statusCode() == 401 : CODES.contains(code);
    }
}
