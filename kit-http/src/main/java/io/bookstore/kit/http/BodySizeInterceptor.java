package io.bookstore.kit.http;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;

/** Stops reading a body sent without a length (chunked), which {@link BodySizeFilter} cannot judge, once it passes the limit. */
@Provider
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
