package dev.rolelab.cloud.aws;

import dev.rolelab.cloud.CloudErrors;
import dev.rolelab.cloud.CloudException;
import java.io.IOException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Runs one SDK call and turns its failures into {@link CloudException}s worded for a person. */
final class AwsCall {
    private AwsCall() { }

    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (code == null && e.statusCode() == 403) {
                code = "AccessDenied";
            }
            throw CloudErrors.of(code, message, operation, e);
        } catch (SdkClientException e) {
            throw clientError(operation, e);
        }
    }

    static void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    /** Like {@link #run}, but an error with one of {@code goneCodes} means the thing is already gone: done. */
    static void delete(String operation, Runnable call, String... goneCodes) {
        try {
            run(operation, call);
        } catch (CloudException e) {
            for (String gone : goneCodes) {
                if (gone.equals(e.code())) {
                    return;
                }
            }
            throw e;
        }
    }

    private static CloudException clientError(String operation, SdkClientException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Unable to load credentials") || m.contains("credentials") && m.contains("provider")) {
            return new CloudException(CloudException.Kind.CREDENTIALS, "NoCredentials", operation,
                    "RoleLab found no AWS credentials (no profile, environment variables or SSO session)", CloudErrors.SIGN_IN, e);
        }
        if (m.contains("Token") && m.contains("expired") || m.contains("SSO") && m.contains("refresh")) {
            return new CloudException(CloudException.Kind.CREDENTIALS, "ExpiredToken", operation,
                    "your AWS sign-in has expired", CloudErrors.SIGN_IN, e);
        }
        Throwable cause = e;
        while (cause != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return new CloudException(CloudException.Kind.NETWORK, null, operation,
                    "could not reach AWS for " + operation + ": " + cause.getMessage(),
                    "check your network connection or proxy, then try again", e);
        }
        return new CloudException(CloudException.Kind.OTHER, null, operation, "the AWS SDK failed on " + operation + ": " + m, "", e);
    }
}
