package io.bookstore.recommendations.rest;

import io.bookstore.recommendations.domain.InvalidRequestException;
import io.bookstore.contracts.Tenants;
import io.bookstore.contracts.problem.Problem.FieldError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;

/**
 * Checks {@code X-Tenant-Id} before the body is read: required on {@link TenantScoped}
 * endpoints, optional elsewhere, and never accepted when malformed. A valid tenant goes to
 * the logging MDC so that every log line of the request carries it.
 */
public class TenantFilter {

    static final String MDC_KEY = "tenant";

    @ServerRequestFilter
    public void readTenant(ContainerRequestContext request, ResourceInfo resource) {
        String tenant = request.getHeaderString(Tenants.HEADER);
        if (tenant == null) {
            if (isTenantScoped(resource)) {
                throw new InvalidRequestException("This request acts for a tenant and must name it",
                        List.of(new FieldError(Tenants.HEADER, "is required")));
            }
            return;
        }
        if (!Tenants.isValid(tenant)) {
            throw new InvalidRequestException("The tenant is not valid",
                    List.of(new FieldError(Tenants.HEADER, "must match " + Tenants.PATTERN)));
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
