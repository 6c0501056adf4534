package io.bookstore.telemetry;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.Tenants;
import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import jakarta.inject.Singleton;

/**
 * Adds the {@code tenant} tag to the HTTP server metrics ({@code http_server_requests_seconds}):
 * the tenant of the request's verified token (kit-http's tenant filter keeps it in the
 * request's local data), or {@value BusinessMetrics#UNKNOWN_TENANT}. Nothing a client merely
 * sends becomes a tag, so the series are bounded by the realm's tenants.
 */
@Singleton
public class TenantMetricsTags implements HttpServerMetricsTagsContributor {

    @Override
    public Tags contribute(Context context) {
        String tenant = context.requestContextLocalData(Tenants.VERIFIED_TENANT_LOCAL);
        return Tags.of(BusinessMetrics.TAG_TENANT, BusinessMetrics.tenantTag(tenant));
    }
}
