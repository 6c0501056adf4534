package io.bookstore.payments.rest;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.Tenants;
import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import jakarta.inject.Singleton;

/** Adds the {@code tenant} tag to the HTTP server metrics; requests without a valid tenant (the PSP's webhooks) count as "none". */
@Singleton
public class TenantMetricsTags implements HttpServerMetricsTagsContributor {

    static final String NO_TENANT = "none";

    @Override
    public Tags contribute(Context context) {
        String tenant = context.request().getHeader(Tenants.HEADER);
        return Tags.of(BusinessMetrics.TAG_TENANT, Tenants.isValid(tenant) ? tenant : NO_TENANT);
    }
}
