package dev.rolelab.cloud.aws;

import dev.rolelab.cloud.CloudErrors;
import dev.rolelab.cloud.CloudException;
import java.io.IOException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs one SDK call and turns its failures into {@link CloudException}s worded for a person. */
final class AwsCall {
    private AwsCall() { }

    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (CloudException e) {
            throw e;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
            String notEnabled = RegionNotEnabled.regionOf(e);
            if (notEnabled != null) {
                throw CloudErrors.regionNotEnabled(notEnabled, code == null ? "HTTP 401" : code,
                        message == null ? "401 Unauthorized" : message, operation, e);
            }
            if (code == null && e.statusCode() == 401) {
                // the url-connection client cannot read the body of a 401 (EC2's AuthFailure and OptInRequired)
                throw CloudErrors.unauthorized(operation, e);
            }
            if (code == null && e.statusCode() == 403) {
                code = "AccessDenied";
            }
            throw CloudErrors.of(code, message == null ? "HTTP " + e.statusCode() : message, operation, e);
        } catch (SdkClientException e) {
            throw clientError(operation, e);
        } catch (SdkException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
            CloudException signIn = consoleSignIn(operation, e);
            if (signIn != null) {
                throw signIn;
            }
            // no SDK or JDK exception reaches a person unworded; the log keeps the exception itself
            throw new CloudException(CloudException.Kind.OTHER, null, operation,
                    "RoleLab could not complete " + operation + ": the AWS SDK stopped with an error RoleLab does not know"
                            + " (details in the log file)",
                    "run it again; if it happens again, report it with the log file", e);
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

    /** The signin module's refusals of a profile made by `aws login`: no cached session, or one it cannot refresh. */
    private static CloudException consoleSignIn(String operation, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("service module must be on the class path")) {
                return new CloudException(CloudException.Kind.OTHER, "MissingSdkModule", operation,
                        "this RoleLab was built without a part of the AWS SDK that your profile's sign-in needs (" + m + ")",
                        "install RoleLab from its release package; until then use `aws sso login` or Practice mode", e);
            }
            if (m.contains("login_session") || m.contains("re-authenticate") || m.contains("reauthenticate")) {
                return new CloudException(CloudException.Kind.CREDENTIALS, "LoginSessionExpired", operation,
                        "the console sign-in of this profile is missing or has expired: run `aws login` again", CloudErrors.SIGN_IN, e);
            }
        }
        return null;
    }

    private static CloudException clientError(String operation, SdkClientException e) {
        CloudException signIn = consoleSignIn(operation, e);
        if (signIn != null) {
            return signIn;
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("Unable to load credentials") || m.contains("credentials") && m.contains("provider")) {
            return new CloudException(CloudException.Kind.CREDENTIALS, "NoCredentials", operation,
                    "RoleLab found no AWS credentials (no `aws login` session, SSO session, profile or environment variables)",
                    CloudErrors.SIGN_IN, e);
        }
        if (m.contains("Token") && m.contains("expired") || m.contains("SSO") && m.contains("refresh")
                || m.toLowerCase(java.util.Locale.ROOT).contains("login") && m.contains("expired")) {
            return new CloudException(CloudException.Kind.CREDENTIALS, "ExpiredToken", operation,
                    "your AWS sign-in has expired", CloudErrors.SIGN_IN, e);
        }
        Throwable cause = e;
        while (cause != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        java.net.URI endpoint = CustomEndpoint.of(e);
        if (cause != null && endpoint != null) {
            return new CloudException(CloudException.Kind.NETWORK, null, operation,
                    "could not reach " + endpoint + " (the endpoint given with --endpoint-url) for " + operation + ": "
                            + networkReason((IOException) cause),
                    "check that the service at that address is running, or leave out --endpoint-url to use AWS itself", e);
        }
        if (cause != null) {
            return new CloudException(CloudException.Kind.NETWORK, null, operation,
                    "could not reach AWS for " + operation + ": " + networkReason((IOException) cause),
                    "check your network connection or proxy, then try again", e);
        }
        return new CloudException(CloudException.Kind.OTHER, null, operation,
                "RoleLab could not complete " + operation + ": the AWS SDK failed before AWS answered: " + m,
                "run it again; if it happens again, report it with the log file", e);
    }

    /** The I/O failure in words: the JDK's message alone can be a bare host name or a class name. */
    private static String networkReason(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof java.net.UnknownHostException) {
            return "the name " + m + " does not resolve (no network, or DNS is blocked)";
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "no answer in time (" + m + ")";
        }
        if (e instanceof java.net.ConnectException) {
            return "the connection was refused or could not be made (" + m + ")";
        }
        return m.isBlank() ? "the connection failed" : m;
    }
}
