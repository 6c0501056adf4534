package io.bookstore.kit.http;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;

/**
 * Stops reading a body sent without a length (chunked), which {@link BodySizeFilter} cannot judge, once it passes the limit.
 * Requests only: unconstrained, Quarkus' REST clients would apply it to the answers a service reads (a trace of the
 * trace store, over 64K, was a "request body" too large).
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class BodySizeInterceptor implements ReaderInterceptor {

    private final BodySizeLimit limit;

    public BodySizeInterceptor(BodySizeLimit limit) {
        this.limit = limit;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(limit.limit(context.getInputStream()));
        return context.proceed();
    }
}
