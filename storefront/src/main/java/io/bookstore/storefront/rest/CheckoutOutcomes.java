package io.bookstore.storefront.rest;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.kit.http.TenantFilter;
import io.bookstore.storefront.service.CheckoutMetrics.Outcome;
import io.bookstore.storefront.service.CheckoutMetrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts each checkout by how it ended, from its response: so the requests refused before
 * the resource method runs (token, body) count as rejected too, under the tenant of a
 * verified token or {@code unknown}. A 500 is none of the
 * outcomes and shows in the HTTP server metrics only.
 */
public class CheckoutOutcomes {

    private final CheckoutMetrics metrics;

    public CheckoutOutcomes(CheckoutMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        if (resource.getResourceClass() != CheckoutResource.class) {
            return;
        }
        int status = response.getStatus();
        Outcome outcome;
        if (status < 300) {
            outcome = Outcome.ACCEPTED;
        } else if (status == 503) {
            outcome = Outcome.UNAVAILABLE;
        } else if (status < 500) {
            outcome = Outcome.REJECTED;
        } else {
            return;
        }
        metrics.record(BusinessMetrics.tenantTag(TenantFilter.verifiedTenant().orElse(null)), outcome);
    }
}
