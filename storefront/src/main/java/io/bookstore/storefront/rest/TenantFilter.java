package io.bookstore.storefront.rest;

import io.bookstore.contracts.Tenants;
import io.bookstore.storefront.service.InvalidRequestException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Checks {@code X-Tenant-Id} before the body is read: required on {@link TenantScoped}
 * endpoints, optional on the book pages (every tenant sells the same catalog), and never
 * accepted when malformed. A valid tenant goes to the logging MDC so that every log line
 * of the request carries it.
 */
public class TenantFilter {

    /** MDC key that the JSON log lines carry. */
    public static final String MDC_KEY = "tenant";

    @ServerRequestFilter
    public void readTenant(ContainerRequestContext request, ResourceInfo resource) {
        String tenant = request.getHeaderString(Tenants.HEADER);
        if (tenant == null || tenant.isEmpty()) {
            if (isTenantScoped(resource)) {
                throw new InvalidRequestException(Tenants.HEADER, "is required");
            }
            return;
        }
        if (!Tenants.isValid(tenant)) {
            throw new InvalidRequestException(Tenants.HEADER, "must match " + Tenants.PATTERN);
        }
        MDC.put(MDC_KEY, tenant);
    }

    @ServerResponseFilter
    public void forgetTenant() {
        MDC.remove(MDC_KEY);
    }

    private static boolean isTenantScoped(ResourceInfo resource) {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(TenantScoped.class)
                || resource.getResourceClass().isAnnotationPresent(TenantScoped.class));
    }
}
