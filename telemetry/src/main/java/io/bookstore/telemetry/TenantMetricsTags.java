package io.bookstore.telemetry;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.Tenants;
import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import jakarta.inject.Singleton;

/**
 * Adds the {@code tenant} tag to the HTTP server metrics ({@code http_server_requests_seconds}):
 * the validated {@code X-Tenant-Id}, or {@value BusinessMetrics#UNKNOWN_TENANT}.
 */
@Singleton
public class TenantMetricsTags implements HttpServerMetricsTagsContributor {

    @Override
    public Tags contribute(Context context) {
        return Tags.of(BusinessMetrics.TAG_TENANT, BusinessMetrics.tenantTag(context.request().getHeader(Tenants.HEADER)));
    }
}
