package io.bookstore.kit.http;

import io.bookstore.contracts.Tenants;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Checks the caller's tenant before the body is read: required on {@link TenantScoped}
 * endpoints, optional elsewhere (a book page is the same for every tenant), and refused
 * whenever it is malformed, with a 400 problem naming {@code X-Tenant-Id}. A valid tenant
 * goes into the logging MDC under {@link #MDC_KEY}, so that every log line of the request
 * carries it, and leaves it when the response is done.
 */
public class TenantFilter {

    /** The MDC key of the tenant, which the JSON log lines and the console format carry. */
    public static final String MDC_KEY = "tenant";

    @ServerRequestFilter
    public void readTenant(ContainerRequestContext request, ResourceInfo resource) {
        String tenant = presentedTenant(request);
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

    /** Where the tenant comes from: the {@code X-Tenant-Id} header, until a verified token's claim replaces it. */
    private static String presentedTenant(ContainerRequestContext request) {
        return request.getHeaderString(Tenants.HEADER);
    }

    private static boolean isTenantScoped(ResourceInfo resource) {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(TenantScoped.class)
                || resource.getResourceClass().isAnnotationPresent(TenantScoped.class));
    }
}
