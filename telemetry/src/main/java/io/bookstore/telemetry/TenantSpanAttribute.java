package io.bookstore.telemetry;

import io.bookstore.contracts.Spans;
import io.bookstore.contracts.Tenants;
import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Puts the request's tenant on its HTTP server span as the {@link Spans#TENANT} attribute, which
 * the collector's span metrics and service graph keep as a dimension (per-tenant RED from
 * traces). Only a valid {@code X-Tenant-Id} is copied, so the attribute has the same
 * bounded values as the metrics' tag.
 */
@Singleton
public class TenantSpanAttribute {

    void tagServerSpans(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String tenant = context.request().getHeader(Tenants.HEADER);
            if (Tenants.isValid(tenant)) {
                Span.current().setAttribute(Spans.TENANT, tenant);
            }
            context.next();
        });
    }
}
