package io.bookstore.orders.rest;

import io.bookstore.contracts.Tenants;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every endpoint of this service is tenant-scoped: a request without a valid
 * {@code X-Tenant-Id} is refused before its body is read, and the tenant of an accepted
 * one goes into the logging MDC so each log line of the request carries it.
 */
public class TenantFilter {

    /** MDC key that the JSON log lines carry. */
    public static final String MDC_KEY = "tenant";

    @ServerRequestFilter
    public void requireTenant(ContainerRequestContext request) {
        String tenant = request.getHeaderString(Tenants.HEADER);
        if (tenant == null || tenant.isEmpty()) {
            throw new InvalidRequestException(Tenants.HEADER, "is required");
        }
        if (!Tenants.isValid(tenant)) {
            throw new InvalidRequestException(Tenants.HEADER, "must match " + Tenants.PATTERN);
        }
        MDC.put(MDC_KEY, tenant);
    }
}
