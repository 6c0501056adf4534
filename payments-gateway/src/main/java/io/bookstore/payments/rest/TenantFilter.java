package io.bookstore.payments.rest;

import io.bookstore.contracts.Tenants;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Checks {@code X-Tenant-Id} before the resource runs: required on {@link TenantScoped}
 * endpoints and never accepted malformed. The PSP's webhook carries no tenant header: its
 * tenant comes from the signed metadata. A valid tenant goes into the logging MDC.
 */
public class TenantFilter {

    static final String MDC_KEY = "tenant";

    @ServerRequestFilter
    public void readTenant(ContainerRequestContext request, ResourceInfo resource) {
        if (!isTenantScoped(resource)) {
            return;
        }
        String tenant = request.getHeaderString(Tenants.HEADER);
        if (tenant == null || tenant.isEmpty()) {
            throw new InvalidRequestException(Tenants.HEADER, "is required");
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
