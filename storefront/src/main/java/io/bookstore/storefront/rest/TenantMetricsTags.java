package io.bookstore.storefront.rest;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.Tenants;
import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import jakarta.inject.Singleton;

/**
 * Adds the {@code tenant} tag to the HTTP server metrics. A missing or malformed header
 * counts as {@code none}, so a client cannot mint series with arbitrary strings.
 */
@Singleton
public class TenantMetricsTags implements HttpServerMetricsTagsContributor {

    static final String NO_TENANT = "none";

    static String tag(String tenant) {
        return Tenants.isValid(tenant) ? tenant : NO_TENANT;
    }

    @Override
    public Tags contribute(Context context) {
        return Tags.of(BusinessMetrics.TAG_TENANT, tag(context.request().getHeader(Tenants.HEADER)));
    }
}
