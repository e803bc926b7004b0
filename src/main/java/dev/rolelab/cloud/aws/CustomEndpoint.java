package dev.rolelab.cloud.aws;

import java.net.URI;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A client sent to an endpoint of the user's choosing (`--endpoint-url`) marks its failures with it, so a network
 * failure names that endpoint, not "AWS": the person then looks at the service they started, not at their
 * network. As with {@link RegionNotEnabled}, the SDK wants its own exception back, so the mark is attached to it
 * (as a suppressed exception) rather than replacing it. It changes the wording, never the retrying.
 */
final class CustomEndpoint extends RuntimeException {

    final URI endpoint;

    private CustomEndpoint(URI endpoint) {
        super("sent to " + endpoint, null, false, false);
        this.endpoint = endpoint;
    }

    /** The endpoint a failed call was sent to, if it was an override; else null. */
    static URI of(Throwable e) {
        for (Throwable s : e.getSuppressed()) {
            if (s instanceof CustomEndpoint c) {
                return c.endpoint;
            }
        }
        return null;
    }

    static ExecutionInterceptor interceptor(URI endpoint) {
        return new ExecutionInterceptor() {
            @Override
            public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
                Throwable t = context.exception();
                if (of(t) == null) {
                    t.addSuppressed(new CustomEndpoint(endpoint));
                }
                return t;
            }
        };
    }
}
