package io.bookstore.telemetry;

import io.bookstore.contracts.Spans;
import io.bookstore.contracts.Tenants;
import io.opentelemetry.api.trace.Span;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Puts the request's tenant on its HTTP server span as the {@link Spans#TENANT} attribute, which
 * the collector's span metrics and service graph keep as a dimension (per-tenant RED from
 * traces). Only the tenant of a verified token is copied (kit-http's tenant filter keeps it in
 * the request's local data), when the response starts, so the attribute has the same bounded
 * values as the metrics' tag.
 */
@Singleton
public class TenantSpanAttribute {

    void tagServerSpans(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            Span serverSpan = Span.current();
            context.addHeadersEndHandler(ignored -> ContextLocals.<String>get(Tenants.VERIFIED_TENANT_LOCAL)
                    .ifPresent(tenant -> serverSpan.setAttribute(Spans.TENANT, tenant)));
            context.next();
        });
    }
}
