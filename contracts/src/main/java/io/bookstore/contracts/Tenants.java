package io.bookstore.contracts;

import java.util.regex.Pattern;

/**
 * The tenant: the {@value #CLAIM} claim of the caller's verified access token (no header names
 * it), and a CloudEvent's {@code ce_tenant}. The same pattern bounds both, so a tenant is also
 * safe as a metric tag.
 */
public final class Tenants {

    /** The access-token claim that names the caller's tenant (Keycloak maps it from the user's attribute). */
    public static final String CLAIM = "tenant";
    /**
     * Where a service keeps the tenant of a verified token for the rest of the request (the
     * Vert.x request context's local data): read by the HTTP metrics' and spans' tenant tags.
     */
    public static final String VERIFIED_TENANT_LOCAL = "bookstore.verified-tenant";
    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{1,62}$";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Tenants() {
    }

    public static boolean isValid(String tenant) {
        return tenant != null && COMPILED.matcher(tenant).matches();
    }
}
